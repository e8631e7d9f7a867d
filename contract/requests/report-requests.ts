/** The report requests of the contract. */
export const reportRequests = {};
