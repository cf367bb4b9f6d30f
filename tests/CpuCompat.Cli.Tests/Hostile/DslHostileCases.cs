namespace CpuCompat.Cli.Tests.Hostile;

/// <summary>
/// DSL files given to <c>db check</c> and <c>db compile</c>: one file for every diagnostic code of the Language
/// project a file can reach, binary data, empty, comment-only and huge files, a file of garbage (capped diagnostics).
/// </summary>
public sealed class DslHostileCases : IHostileCaseSet
{
    private const string Format = "dsl";

    /// <summary><c>db check</c> of one file: its diagnostics on standard output, the count on standard error.</summary>
    private static HostileCase Check(string name, string text, int errors, params string[] diagnostics) =>
        new(Format, name, dir => ["db", "check", HostileFiles.Text(dir, name + ".ccl", text)], StderrExpectation.Exact($"cpucompat: {errors} errors, 0 warnings"))
        {
            Stdout = StderrExpectation.Exact(string.Join('\n', diagnostics.Select(d => "{dir}/" + name + ".ccl" + d))),
        };

    private static HostileCase CheckFile(string name, Func<string, string> write, string diagnostic) =>
        new(Format, name, dir => ["db", "check", write(dir)], StderrExpectation.Exact("cpucompat: 1 errors, 0 warnings"))
        {
            Stdout = StderrExpectation.Exact(diagnostic),
        };

    public IEnumerable<HostileCase> Cases =>
    [
        Check("cc1001-syntax", "arch x86_64;\nfeature a = ;\n", 2,
            ":2:13: error CC1001: unexpected ';'; expected 'cpuid' or 'msr'.",
            ":2:9: error CC2018: x86 feature 'a' needs at least one cpuid(...) or msr(...) location."),
        Check("cc1002-character", "arch x86_64;\nfeature a@b;\n", 3,
            ":2:10: error CC1002: unexpected character '@'; names use letters, digits, '_', '.', '+' and '-' (quote any other name with \"...\").",
            ":2:11: error CC1001: unexpected 'b'; expected 'alias', 'nonmigratable', ';' or '='.",
            ":2:9: error CC2018: x86 feature 'a' needs at least one cpuid(...) or msr(...) location."),
        Check("cc1002-bidi-override", "arch x86_64;\nfeature a\u202e[2J;\n", 3,
            ":2:10: error CC1002: unexpected character '\\u202e'; names use letters, digits, '_', '.', '+' and '-' (quote any other name with \"...\").",
            ":2:11: error CC1001: unexpected '['; expected 'alias', 'nonmigratable', ';' or '='.",
            ":2:9: error CC2018: x86 feature 'a' needs at least one cpuid(...) or msr(...) location."),
        Check("cc1003-unterminated", "arch x86_64;\ncompat libvirt \"11.3.0", 2,
            ":2:16: error CC1003: this string has no closing '\"' on its line; close it.",
            ":2:23: error CC1001: missing ';' after '\"11.3.0'."),
        Check("cc1004-escape", "arch x86_64;\nvendor Intel \"Genu\\ineIntel\";\n", 1,
            ":2:19: error CC1004: unknown escape '\\i' in a string; only \\\" and \\\\ are allowed."),
        Check("cc1005-number", "arch x86_64;\nfeature a = cpuid(0x100000000).eax[0];\n", 2,
            ":2:19: error CC1005: the number 0x100000000 does not fit in 32 bits; the largest allowed value is 4294967295 (0xffffffff).",
            ":2:9: error CC2018: x86 feature 'a' needs at least one cpuid(...) or msr(...) location."),
        Check("cc1006-register", "arch x86_64;\nfeature a = cpuid(0x1).eex[0];\n", 2,
            ":2:24: error CC1006: bad register 'eex'; a CPUID location uses eax, ebx, ecx or edx.",
            ":2:9: error CC2018: x86 feature 'a' needs at least one cpuid(...) or msr(...) location."),
        Check("cc1007-bit", "arch x86_64;\nfeature a = cpuid(0x1).ecx[0,32];\n", 2,
            ":2:30: error CC1007: bit 32 is out of range; a register has bits 0-31.",
            ":2:9: error CC2018: x86 feature 'a' needs at least one cpuid(...) or msr(...) location."),
        Check("cc1008-stepping", "arch x86_64;\nmodel M { signature 6:85[0-16]; }\n", 1,
            ":2:28: error CC1008: stepping 16 is out of range; steppings are 0-15."),
        Check("cc1009-reversed", "arch x86_64;\nfeature a = cpuid(0x1).ecx[5-2];\n", 2,
            ":2:28: error CC1009: the range 5-2 is reversed; write it as 2-5.",
            ":2:9: error CC2018: x86 feature 'a' needs at least one cpuid(...) or msr(...) location."),
        Check("cc1010-no-arch", "feature a;\n", 1,
            ":1:1: error CC1010: a feature needs an architecture; start the file with 'arch x86_64;', 'arch ppc64;' or 'arch aarch64;'."),
        Check("cc1011-unknown-arch", "arch sparc64;\n", 1,
            ":1:6: error CC1011: unknown architecture 'sparc64'; use x86_64, i686, ppc64, ppc64le or aarch64."),
        Check("cc1012-duplicate", "arch x86_64;\nmodel M {\n  vendor Intel;\n  vendor AMD;\n}\n", 2,
            ":4:3: error CC1012: model 'M' already has a 'vendor' statement at 3:3; keep only one.",
            ":3:10: error CC2003: unknown vendor 'Intel'"),
        Check("cc1013-decode-flag", "arch x86_64;\nmodel M { decode hots; }\n", 1,
            ":2:18: error CC1013: unknown decode flag 'hots' — did you mean 'host'?"),
        Check("cc1014-repeated-flag", "arch x86_64;\nmodel M { decode host guest host; }\n", 1,
            ":2:29: error CC1014: decode flag 'host' is repeated; write it once."),
        Check("cc1015-conflicting-flags", "arch x86_64;\nmodel M { decode host none; }\n", 1,
            ":2:23: error CC1015: 'decode none' cannot be combined with host or guest; write either 'decode none;' or the flags to turn on."),
        Check("cc1016-check", "arch x86_64;\nmodel M { check partial; }\n", 1,
            ":2:17: error CC1016: unknown check 'partial'; the only check is 'check compat;'."),
        Check("cc1017-empty-name", "arch aarch64;\nfeature \"\";\n", 1,
            ":2:9: error CC1017: a name cannot be empty; write a name between the quotes."),
        Check("cc1020-deep", "arch x86_64;\npool p { require " + new string('(', 150) + "a" + new string(')', 150) + "; }\n", 1,
            ":2:118: error CC1020: conditions are nested more than 100 levels deep here; split the rule or remove redundant parentheses and 'not's."),
        Check("cc1021-require", "arch x86_64;\nrequire a, b -> c;\n", 4,
            ":2:1: error CC1021: a dependency is written 'depend a, b -> c;' ('require' is what a pool demands of its members); replace 'require' with 'depend'.",
            ":2:17: error CC2001: unknown feature 'c'",
            ":2:9: error CC2001: unknown feature 'a'",
            ":2:12: error CC2001: unknown feature 'b'"),
        Check("cc1023-empty-file", "", 1,
            ":1:1: error CC1023: the file declares nothing (it is empty or holds only comments); give a file with vendors, features, models or pools."),
        Check("cc1023-comments-only", "# a header and nothing else\n\n", 1,
            ":1:1: error CC1023: the file declares nothing (it is empty or holds only comments); give a file with vendors, features, models or pools."),
        CheckFile("cc1018-unreadable", _ => "/proc/self/mem",
            "/proc/self/mem: error CC1018: cannot read this source: Input/output error : '/proc/self/mem'; check the path."),
        CheckFile("cc1019-no-sources", d => HostileFiles.Directory(d, "empty"),
            "{dir}/empty: error CC1019: this directory holds no .ccl files; nothing was compiled from it."),
        CheckFile("cc1022-100mb", d => HostileFiles.Repeated(d, "huge.ccl", "arch x86_64;\n", "feature f = cpuid(0x1).ecx[1];\n", 100 * HostileFiles.MiB),
            "{dir}/huge.ccl: error CC1022: the file is larger than 1 MiB, far more than any database needs; split it or check that it is the file you meant.") with { MaxPeakMiB = 200 },
        CheckFile("cc1022-endless-device", _ => "/dev/zero",
            "/dev/zero: error CC1022: the file is larger than 1 MiB, far more than any database needs; split it or check that it is the file you meant."),
        CheckFile("cc1024-binary-1mb", d => HostileFiles.Binary(d, "garbage.ccl", 1 << 20),
            "{dir}/garbage.ccl:1:1: error CC1024: the file is not DSL text: byte 0xf9 is not UTF-8; give a UTF-8 .ccl file."),
        CheckFile("cc1024-nul", d => HostileFiles.Text(d, "nul.ccl", "arch x86_64;\nfeature a\0b;\n"),
            "{dir}/nul.ccl:2:10: error CC1024: the file is not DSL text: it holds the control character 0x00; give a UTF-8 .ccl file."),
        CheckFile("cc1024-latin1", d => HostileFiles.Bytes(d, "latin1.ccl", [.. "arch x86_64;\n# caf"u8, 0xe9, (byte)'\n']),
            "{dir}/latin1.ccl:2:6: error CC1024: the file is not DSL text: byte 0xe9 is not UTF-8; give a UTF-8 .ccl file."),
        CheckFile("cc1025-long-line", d => HostileFiles.Text(d, "long.ccl", "arch x86_64;\n# " + new string('x', 10_000) + "\n"),
            "{dir}/long.ccl:2:4097: error CC1025: the line is longer than 4096 bytes; no declaration needs that, break it into lines."),
        new(Format, "cc1026-garbage-capped", dir => ["db", "check", HostileFiles.Repeated(dir, "junk.ccl", "", "@!{;(\n", 900 * 1024)],
            StderrExpectation.Exact("cpucompat: 22 errors, 0 warnings"))
        {
            Stdout = StderrExpectation.Exact(string.Join('\n', Enumerable.Range(1, 10).SelectMany(line => new[] { (line, 1, '@'), (line, 2, '!') })
                .Select(e => $"{{dir}}/junk.ccl:{e.Item1}:{e.Item2}: error CC1002: unexpected character '{e.Item3}'; names use letters, digits, '_', '.', '+' and '-' (quote any other name with \"...\").")
                .Append("{dir}/junk.ccl: error CC1026: … and 980 more diagnostics (980 errors) in this file, not shown; fix the ones above first.")
                .Append("{dir}/junk.ccl:500:2: error CC1026: 1000 syntax errors by here; the rest of the file was not read (is it a DSL file?)."))),
        },
        new(Format, "compile-empty-file", dir => ["db", "compile", HostileFiles.Text(dir, "empty.ccl", ""), "--output", Path.Combine(dir, "out.ccdb")],
            StderrExpectation.Exact("{dir}/empty.ccl:1:1: error CC1023: the file declares nothing (it is empty or holds only comments); give a file with vendors, features, models or pools.")),
        new(Format, "missing-file", dir => ["db", "check", Path.Combine(dir, "nowhere.ccl")], StderrExpectation.Exact("cpucompat: {dir}/nowhere.ccl does not exist")),
    ];
}
