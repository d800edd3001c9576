/** A commented starter manifest for a workspace that has none. */
export const MANIFEST_STARTER = `# Privacy Lens data inventory: what personal data this code may process, why, and who receives it.
# Reference: https://github.com/privacy-lens/privacy-lens#the-manifest-data-inventoryyaml
version: 1
system: My service                       # what this inventory describes

# Personal data the code may process (fideslang keys; a parent key covers its children).
categories:
  - user.name
  - user.contact.email

# Why the code processes it. Paths are globs of the code that serves each purpose.
purposes:
  - id: account
    description: Create and maintain the account and control access to it
    basis: contract                      # contract | consent | legitimate_interest | legal_obligation | vital_interest | public_task
    categories: [user.name, user.contact.email]
    paths: ["src/**"]

# The sharing list: vendors that may receive personal data (ids from the built-in catalog).
vendors: []
#  - id: stripe
#    purposes: [billing]
#    categories: [user.name, user.contact.email]

# Our own services: sending data there is not sharing.
first_party:
  hosts: []

# Never scanned.
ignore: ["**/*.test.ts", "**/*.spec.ts"]
`;
