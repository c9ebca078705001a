using System.Runtime.Versioning;

// The product declares itself Linux/macOS only (terminal and signal handling), and so does everything that calls it.
[assembly: UnsupportedOSPlatform("windows")]
