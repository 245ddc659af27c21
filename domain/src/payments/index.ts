export { formatPaymentAmount, kopecksNumber, parsePaymentAmount } from './amount.ts';
export {
  type BankStatementImportReport,
  dedupeKeyOf,
  type ImportBankStatementInput,
  importBankStatement,
  importBankStatementInputSchema,
  type StatementItem,
  type StatementItemOutcome,
  type StatementSkipReason,
} from './import-bank-statement.ts';
export { listAccountPayments, listAccountPaymentsInputSchema } from './list-account-payments.ts';
export { listUnmatchedPayments, listUnmatchedPaymentsInputSchema } from './list-unmatched-payments.ts';
export { matchPayment, matchPaymentInputSchema } from './match-payment.ts';
export { foldPurpose, matchPurpose, type PurposeMatch } from './match-purpose.ts';
export {
  type BankDocument,
  type BankStatement,
  type DocumentDirection,
  decodeStatement,
  joinPurpose,
  parseBankStatement,
  parseStatementDate,
  STATEMENT_PROBLEM_CODES,
  type StatementAccountSection,
  type StatementEncoding,
  type StatementProblem,
  type StatementProblemCode,
} from './parse-bank-statement.ts';
export type { UnmatchedReason } from './payment-accounts.ts';
export { type PaymentView, paymentView } from './payment-view.ts';
export {
  recordManualPayment,
  recordManualPaymentInputSchema,
  rublesSchema,
} from './record-manual-payment.ts';
export { reversePayment, reversePaymentInputSchema } from './reverse-payment.ts';
