import { CoverLetterError } from '../documents/cover-letter';
import type { DocumentRenderer } from '../documents/renderer';
import { dispatchRecipient } from '../documents/dispatch-log';
import { ELECTION_MAIL_MARK, EnvelopeError } from '../documents/envelope';
import { AddressFormatError, type PostalAddressInput } from '../documents/postal-address';
import { ApiFailure } from '../api/errors';
import type { DispatchLetterInput, DispatchRenderers } from './types';

function recipientOf(input: DispatchLetterInput): PostalAddressInput {
  return input.recipient;
}

/** Official election mail (the Briefwahl's postalRecipient sets the Vermerk): the envelope gets the framed mark too. */
const electionMail = (input: DispatchLetterInput) => recipientOf(input).notes?.includes(ELECTION_MAIL_MARK) === true;

/** The document modules' own errors carry German messages for the clerk: pass them on, naming the case. */
const clerkError = (input: DispatchLetterInput) => (err: unknown): never => {
  if (err instanceof CoverLetterError || err instanceof AddressFormatError || err instanceof EnvelopeError) {
    throw new ApiFailure('CONFLICT', `${input.caseReference}: ${err.message}`);
  }
  throw err;
};

const ctxOf = (input: DispatchLetterInput) => ({ resourcesDir: input.resourcesDir, letterhead: input.settings.letterhead });

/** Wires the postal documents (cover letter, envelope, log line) to the dispatch engine. */
export const postalRenderers = (renderer: DocumentRenderer): DispatchRenderers => ({
  coverLetter(input) {
    const bank = input.settings.bank;
    return renderer.render(
      'coverLetter',
      {
        caseReference: input.caseReference,
        issuedAt: input.issuedAt,
        applicationDate: input.receivedAt.toISOString().slice(0, 10),
        serviceName: input.serviceName,
        recipient: recipientOf(input),
        vermerke: input.registered ? [input.settings.postage.registered[input.registered].vermerk] : [],
        enclosures: input.enclosures.map((e) => ({ title: `${e.title} Nr. ${e.number}` })),
        openFeeCents: input.openFeeCents,
        bank: bank.iban ? { accountHolder: bank.accountHolder, iban: bank.iban, bic: bank.bic, bankName: bank.bankName } : null,
        clerkName: input.clerkName,
      },
      ctxOf(input),
    ).catch(clerkError(input));
  },
  envelope(input, envelope, postage) {
    return renderer
      .render('envelope', { format: envelope, recipient: recipientOf(input), vermerke: postage.vermerke, officialElectionMail: electionMail(input) }, ctxOf(input))
      .catch(clerkError(input));
  },
  envelopes(letters) {
    const first = letters[0]!.input;
    return renderer
      .render(
        'envelopes',
        letters.map((l) => ({ format: l.envelope, recipient: recipientOf(l.input), vermerke: l.postage.vermerke, officialElectionMail: electionMail(l.input) })),
        ctxOf(first),
      )
      .catch((err: unknown) => {
        // Name the letter whose address failed: render them one by one to find it.
        if (err instanceof AddressFormatError || err instanceof EnvelopeError) {
          return Promise.all(letters.map((l) => this.envelope(l.input, l.envelope, l.postage))).then(() => {
            throw err;
          });
        }
        throw err;
      });
  },
  recipient(input) {
    return dispatchRecipient(recipientOf(input));
  },
});
