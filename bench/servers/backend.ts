import 'reflect-metadata';
import { startStack } from '../../bin/stack';

/**
 * The simulators and the three subgraphs (startStack; its in-process gateway stays idle), in a process of their
 * own. Prints one JSON line with their URLs when ready; stops on SIGTERM. DEMO_SCALE and the simulator
 * settings come from the environment.
 */
async function main(): Promise<void> {
  const stack = await startStack({ env: process.env, ports: 'random' });
  const urls = (parts: Record<string, { url: string } | undefined>) => Object.fromEntries(Object.entries(parts).map(([name, part]) => [name, part!.url]));
  process.stdout.write(`${JSON.stringify({ subgraphs: urls(stack.subgraphs), simulators: urls(stack.simulators) })}\n`);
  process.once('SIGTERM', () => void stack.close().then(() => process.exit(0)));
  // The coordinator holds our stdin open: when it goes away, so do we.
  process.stdin.on('end', () => process.exit(0)).resume();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
