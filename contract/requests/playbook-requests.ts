/** The playbook requests of the contract. */
export const playbookRequests = {};
