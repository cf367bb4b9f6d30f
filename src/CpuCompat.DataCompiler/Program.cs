using CpuCompat.Core.Serialization;
using CpuCompat.Language.Compilation;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: CpuCompat.DataCompiler DATA_DIR OUTPUT_FILE");
    return 2;
}

var result = DslCompiler.Compile([args[0]]);
foreach (var diagnostic in result.Diagnostics.Where(d => d.IsError))
{
    Console.Error.WriteLine(diagnostic);
}

// Warnings (facts worth knowing, such as a model that lacks a dependency) are listed by 'cpucompat db check';
// the build only counts them, so that they do not read as build warnings.
var warnings = result.Diagnostics.Count(d => !d.IsError);
if (warnings > 0)
{
    Console.WriteLine($"CpuCompat.DataCompiler: {warnings} warnings; run 'cpucompat db check {args[0]}' to list them.");
}

if (result.Database is null)
{
    return 1;
}

var output = Path.GetFullPath(args[1]);
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
var temporary = output + ".tmp";
File.WriteAllBytes(temporary, DatabaseWriter.ToBytes(result.Database));
File.Move(temporary, output, overwrite: true);
return 0;
