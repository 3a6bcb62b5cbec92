// Each Medusa boot registers its entities; clear them so suites start clean.
const { MetadataStorage } = require("@medusajs/framework/mikro-orm/core")

MetadataStorage.clear()
