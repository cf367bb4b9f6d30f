using Mono.Cecil;
using Mono.Cecil.Cil;

namespace CpuCompat.Library.Tests.Architecture;

/// <summary>One use of a type by another: the using type, the used type, and their namespaces and assemblies.</summary>
internal sealed record TypeUse(string FromAssembly, string FromNamespace, string FromType, string ToAssembly, string ToNamespace, string ToType)
{
    public override string ToString() => $"{FromType} -> {ToType}";
}

/// <summary>
/// Every type reference in the compiled src assemblies — base types, interfaces, fields, properties, signatures,
/// locals, and the operands of every IL instruction — so that architecture rules are checked on what the code
/// really uses, not on using directives. Nested and compiler-generated types count as their outermost type.
/// </summary>
internal static class TypeReferences
{
    /// <summary>The assemblies built from src/, found next to the test assembly.</summary>
    public static IReadOnlyList<string> SourceAssemblies { get; } = [.. Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll")
        .Where(p => Path.GetFileName(p) is var name && (name == "cpucompat.dll" || name.StartsWith("CpuCompat.", StringComparison.Ordinal))
            && !name.Contains(".Tests", StringComparison.Ordinal) && !name.Contains("TestSupport", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)];

    private static readonly Lazy<IReadOnlyList<TypeUse>> Uses = new(Collect);

    /// <summary>Every use of a type in a src assembly, of any type (ours and the framework's).</summary>
    public static IReadOnlyList<TypeUse> All => Uses.Value;

    private static List<TypeUse> Collect()
    {
        var uses = new List<TypeUse>();
        var resolver = new DefaultAssemblyResolver();
        resolver.AddSearchDirectory(AppContext.BaseDirectory);
        foreach (var path in SourceAssemblies)
        {
            using var module = ModuleDefinition.ReadModule(path, new ReaderParameters { AssemblyResolver = resolver });
            foreach (var type in module.GetTypes())
            {
                var from = Outermost(type);
                void Add(TypeReference? to) => AddUse(uses, module.Assembly.Name.Name, from, to);
                Add(type.BaseType);
                foreach (var i in type.Interfaces)
                {
                    Add(i.InterfaceType);
                }

                foreach (var f in type.Fields)
                {
                    Add(f.FieldType);
                }

                foreach (var p in type.Properties)
                {
                    Add(p.PropertyType);
                }

                foreach (var m in type.Methods)
                {
                    Add(m.ReturnType);
                    foreach (var p in m.Parameters)
                    {
                        Add(p.ParameterType);
                    }

                    if (!m.HasBody)
                    {
                        continue;
                    }

                    foreach (var v in m.Body.Variables)
                    {
                        Add(v.VariableType);
                    }

                    foreach (var instruction in m.Body.Instructions)
                    {
                        switch (instruction.Operand)
                        {
                            case TypeReference t:
                                Add(t);
                                break;
                            case MethodReference method:
                                Add(method.DeclaringType);
                                Add(method.ReturnType);
                                foreach (var p in method.Parameters)
                                {
                                    Add(p.ParameterType);
                                }

                                if (method is GenericInstanceMethod generic)
                                {
                                    foreach (var a in generic.GenericArguments)
                                    {
                                        Add(a);
                                    }
                                }

                                break;
                            case FieldReference field:
                                Add(field.DeclaringType);
                                Add(field.FieldType);
                                break;
                        }
                    }
                }
            }
        }

        return uses;
    }

    private static void AddUse(List<TypeUse> uses, string assembly, TypeReference from, TypeReference? to)
    {
        switch (to)
        {
            case null or GenericParameter:
                return;
            case GenericInstanceType generic:
                AddUse(uses, assembly, from, generic.ElementType);
                foreach (var a in generic.GenericArguments)
                {
                    AddUse(uses, assembly, from, a);
                }

                return;
            case TypeSpecification spec:
                AddUse(uses, assembly, from, spec.ElementType);
                return;
        }

        var target = Outermost(to);
        var toAssembly = target.Scope switch
        {
            AssemblyNameReference name => name.Name,
            ModuleDefinition module => module.Assembly.Name.Name,
            _ => target.Scope?.Name ?? "",
        };
        uses.Add(new TypeUse(assembly, from.Namespace, from.FullName, toAssembly, target.Namespace, target.FullName));
    }

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }
}
