import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { explain, RULES } from '../web/src/problems.js';

/** Every TypeScript source of the api and the libraries, tests aside. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The refusal codes written in the code: refuse/forbid/notFound/duplicate, problem(status, code), rule_ constraints. */
function codesInCode(): Set<string> {
  const patterns = [
    /\b(?:refuse|forbid|notFound|duplicate)\(\s*'([a-z0-9_]+)'/g,
    /\bproblem\(\s*\d+,\s*'([a-z0-9_]+)'/g,
    /\brule:\s*'([a-z0-9_]+)'/g,
    /RULE_CONSTRAINT\}([a-z0-9_]+)`/g,
  ];
  const codes = new Set<string>();
  for (const file of [...sources('apps/api/src'), ...sources('libs')]) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of patterns) for (const match of text.matchAll(pattern)) codes.add(match[1] as string);
  }
  return codes;
}

describe('the web interface says every refusal in French', () => {
  it('has a French sentence for every rule code of the code base', () => {
    const codes = codesInCode();
    // The scan finds the rules of docs/domain.md and the HTTP layer's codes, not a handful.
    expect(codes.size).toBeGreaterThan(100);
    for (const code of ['serial_already_dispensed', 'invalid_token', 'pseudonym_mistyped', 'duration_out_of_range'])
      expect(codes).toContain(code);
    const missing = [...codes].filter((code) => !RULES[code]);
    expect(missing).toEqual([]);
  });

  it('explains a problem in French only, with the fields at fault, never the English detail', () => {
    expect(explain({ rule: 'batch_recalled', detail: 'batch DEMO-A is recalled' })).toBe(
      'Ce lot fait l’objet d’un rappel : ne pas délivrer.',
    );
    expect(
      explain({
        type: 'urn:cannatrace:problem:validation',
        detail: 'quantity: must be an integer',
        errors: [{ field: 'quantity', message: 'must be an integer' }],
      }),
    ).toBe('Certaines informations saisies ne sont pas valables. Champs à vérifier : quantity.');
    expect(explain({ type: 'about:blank', status: 404 })).toBe('Page ou ressource introuvable.');
    expect(explain({ type: 'about:blank', status: 418 })).toBe('La demande a été refusée (statut 418).');
  });
});
