/** The terminal requests of the contract. */
export const terminalRequests = {};
