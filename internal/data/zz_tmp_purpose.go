package data

// Purposes is a temporary stand-in until the helplines branch lands.
var Purposes = []string{"emergency", "report-abuse", "remove-image", "parent-support", "child-support"}
