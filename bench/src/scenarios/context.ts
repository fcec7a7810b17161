/** What every scenario gets from the runner. */
import type { ServerName } from '../servers/index.js';

export interface Context {
  servers: ServerName[];
  repeats: number;
  quick: boolean;
  /** write a CPU profile of Concerto's server during the first webinar repeat into this directory */
  cpuProfDir?: string;
  log(message: string): void;
}
