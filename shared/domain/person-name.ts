import { z } from 'zod';
import { describeCharacters, invalidNameCharacters } from './names';

/** A name of a natural person in the DIN 91379 character set (data type A), stored unchanged. */
export const personName = z
  .string()
  .trim()
  .min(1, 'Bitte einen Namen eingeben.')
  .max(200)
  .superRefine((v, ctx) => {
    const bad = invalidNameCharacters(v);
    if (bad.length > 0) {
      ctx.addIssue({ code: 'custom', message: `Zeichen außerhalb von DIN 91379 sind nicht zulässig: ${describeCharacters(bad)}` });
    }
  });
