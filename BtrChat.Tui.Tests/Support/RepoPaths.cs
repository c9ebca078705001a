namespace BtrChat.Tests.Support;

/// <summary>Finds files of the repository the tests were built from.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "BtrChat.Tui.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"BtrChat.Tui.sln not found above {AppContext.BaseDirectory}");
    }
}
