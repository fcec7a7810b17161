import qrcode from 'qrcode-generator';

/**
 * A QR code of a link, drawn as one SVG path (crisp at any size, prints well, no canvas).
 * qrcode-generator is small, has no dependencies and is MIT; this file is loaded only on the
 * page that shows links (see SessionLinks), not with the home page.
 */
export default function QrCode({ value, label, size = 176 }: { value: string; label: string; size?: number }) {
  const code = qrcode(0, 'M');
  code.addData(value);
  code.make();
  const count = code.getModuleCount();
  const margin = 4;
  let path = '';
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (code.isDark(row, col)) path += `M${col + margin} ${row + margin}h1v1h-1z`;
    }
  }
  const extent = count + margin * 2;
  return (
    <svg className="qr" role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${extent} ${extent}`} shapeRendering="crispEdges">
      <rect width={extent} height={extent} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
