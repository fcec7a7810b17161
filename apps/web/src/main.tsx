import { createRoot } from 'react-dom/client';

// Placeholder until the canvas lands: the server's SPA fallback serves this page for /s/... routes.
function Placeholder() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: '40rem', margin: '3rem auto', padding: '0 1rem' }}>
      <h1>Concerto</h1>
      <p>Le tableau collaboratif arrive bientôt.</p>
    </main>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<Placeholder />);
