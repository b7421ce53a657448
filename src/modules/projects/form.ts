// The project form: an NCP code, its year, phase, strand, commitment and themes, and the
// projects a school must join with it (joining NCP21-13 requires NCP21-14).
import { z } from 'zod';
import type { Phase } from '../../core/schema.ts';
import type { FieldErrors } from '../../platform/http/forms.ts';
import { fieldErrors } from '../../platform/http/forms.ts';
import { PHASES, STRANDS } from '../../core/work-groups/domain.ts';
import type { ProjectValues } from '../../core/projects/repository.ts';

const schema = z
  .object({
    ncp_code: z.string().min(1, 'Enter the NCP code, like NCP26-17').regex(/^NCP\d{2}-\d{2}$/, 'NCP code must look like NCP26-17'),
    title: z.string().min(3, 'Enter the project’s title').max(200, 'Title must be 200 characters or fewer'),
    academic_year: z
      .string()
      .min(1, 'Enter the academic year, like 2026/27')
      .regex(/^\d{4}\/\d{2}$/, 'Academic year must look like 2026/27')
      .refine((y) => (Number(y.slice(0, 4)) + 1) % 100 === Number(y.slice(5)), 'Academic year must be two consecutive years, like 2026/27'),
    phase: z.enum(Object.keys(PHASES) as [Phase, ...Phase[]], { error: 'Select the phase' }),
    strand: z.enum(Object.keys(STRANDS) as [string, ...string[]], { error: 'Select the programme strand' }),
    commitment_days: z
      .string()
      .min(1, 'Enter the commitment in days, like 3')
      .regex(/^\d{1,2}(\.5)?$/, 'Commitment must be a number of days in halves, like 3 or 5.5')
      .transform(Number)
      .refine((n) => n > 0, 'Commitment must be more than 0 days'),
    description: z.string().max(20_000, 'Description must be 20,000 characters or fewer'),
    themes: z.string().max(5000, 'Themes must be 5,000 characters or fewer'),
  });

export function parseProjectForm(raw: Record<string, string>, requires: string[]): { ok: true; values: ProjectValues } | { ok: false; errors: FieldErrors } {
  const blank = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, '']));
  const parsed = schema.safeParse({ ...blank, ...raw, ncp_code: (raw.ncp_code ?? '').toUpperCase() });
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
  const values = parsed.data;
  if (requires.includes(values.ncp_code)) return { ok: false, errors: { requires: 'A project cannot require itself' } };
  return {
    ok: true,
    values: {
      ...values,
      themes: values.themes
        .split('\n')
        .map((t) => t.replace(/^\s*[-•*]\s*/, '').trim())
        .filter(Boolean),
      requires,
    },
  };
}
