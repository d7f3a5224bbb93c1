// Wiring shared by the executables.
