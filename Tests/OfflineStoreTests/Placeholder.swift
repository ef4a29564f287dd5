import Testing

@Test func placeholderOfflineStoreTests() {}
