/**
 * `npm run central:verify-journal -- <day.jsonl>`: checks a station's exported journal (JSON lines, as the
 * counter's "Export journal" writes it) and names the first entry whose number, link or hash is wrong.
 * Exit 0 when the chain holds, 1 when it is broken, 2 when the file cannot be read.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { verifyJsonLines } from '../../shared/drawer/journal-export';

const argsSchema = z.tuple([z.string().min(1, { message: 'name the exported journal file (.jsonl)' })]);

export async function verifyJournalFile(file: string): Promise<{ code: 0 | 1 | 2; message: string }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return { code: 2, message: `verify-journal: ${file} could not be read (${e instanceof Error ? e.message : String(e)})` };
  }
  const r = await verifyJsonLines(text);
  return r.ok ? { code: 0, message: `verify-journal: ${file}: the chain holds` } : { code: 1, message: `verify-journal: ${file}: ${r.problem}` };
}

async function main() {
  const args = argsSchema.safeParse(process.argv.slice(2));
  if (!args.success) {
    console.error('usage: npm run central:verify-journal -- <exported-journal.jsonl>');
    process.exit(2);
  }
  const r = await verifyJournalFile(args.data[0]);
  (r.code === 0 ? console.log : console.error)(r.message);
  process.exit(r.code);
}

if (process.argv[1]?.endsWith('verify-journal.ts')) void main();
