/** The risk requests of the contract. */
export const riskRequests = {};
