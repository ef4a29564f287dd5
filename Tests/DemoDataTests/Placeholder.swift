import Testing

@Test func placeholderDemoDataTests() {}
