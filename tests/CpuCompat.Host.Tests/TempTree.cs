using CpuCompat.Host.Machine;
using CpuCompat.TestSupport;

namespace CpuCompat.Host.Tests;

/// <summary>A throw-away root tree for one test: write files by host path, then probe <see cref="Root"/>.</summary>
internal sealed class TempTree : IDisposable
{
    public TempTree()
    {
        Path = System.IO.Directory.CreateTempSubdirectory("cpucompat-host-").FullName;
        Root = new HostRoot(Path);
    }

    public string Path { get; }

    public HostRoot Root { get; }

    public TempTree File(string hostPath, string text)
    {
        var real = Root.Resolve(hostPath);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(real)!);
        System.IO.File.WriteAllText(real, text);
        return this;
    }

    public TempTree Directory(string hostPath)
    {
        System.IO.Directory.CreateDirectory(Root.Resolve(hostPath));
        return this;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
