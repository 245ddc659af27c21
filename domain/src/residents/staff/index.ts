export { findCardFonts, transliterate } from './card-fonts.ts';
export { confirmOwnerLink, confirmOwnerLinkInputSchema } from './confirm-owner-link.ts';
export { accountInviteInputSchema, getAccountInvite } from './get-account-invite.ts';
export { buildInviteCardsPdf, CARDS_PER_PAGE, inviteCardsInputSchema } from './invite-cards-pdf.ts';
export { listHouseResidents, listHouseResidentsInputSchema } from './list-house-residents.ts';
export { reissueInviteCode, reissueInviteCodeInputSchema } from './reissue-invite-code.ts';
export { relinkResident } from './relink-resident.ts';
export { revokeResidentLink } from './revoke-resident-link.ts';
