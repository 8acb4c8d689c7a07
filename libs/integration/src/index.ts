// Public surface of @o2c/integration: add each capability's exports as it lands.
export {};
