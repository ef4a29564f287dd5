import Testing

@Test func placeholderServiceCatalogTests() {}
