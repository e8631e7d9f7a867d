/** The schedule requests of the contract. */
export const scheduleRequests = {};
