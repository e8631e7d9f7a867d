/** The checklist requests of the contract. */
export const checklistRequests = {};
