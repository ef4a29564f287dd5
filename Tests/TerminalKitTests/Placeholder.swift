import Testing

@Test func placeholderTerminalKitTests() {}
