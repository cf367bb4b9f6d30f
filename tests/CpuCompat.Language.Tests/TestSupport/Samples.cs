namespace CpuCompat.Language.Tests.TestSupport;

/// <summary>DSL texts shared by several tests.</summary>
internal static class Samples
{
    /// <summary>Every statement of the language once (the example of the language reference), error-free.</summary>
    public const string Everything = """
        compat libvirt "11.3.0";
        arch x86_64;
        vendor Intel "GenuineIntel";
        vendor AMD "AuthenticAMD";
        feature pni = cpuid(0x1).ecx[0] alias qemu:sse3;
        feature sse4.1 = cpuid(0x1).ecx[19] alias qemu:sse4-1 qemu:sse4_1;
        feature xsaves = cpuid(0xd, 0x1).eax[3] nonmigratable;
        feature ibrs-all = msr(0x10a).eax[1];
        feature multi = cpuid(0x40000003).eax[4,5], cpuid(0x1).edx[0-2];
        feature aes = cpuid(0x1).ecx[25];
        feature apic = cpuid(0x1).edx[9];
        feature avx = cpuid(0x1).ecx[28];
        feature avx2 = cpuid(0x7).ebx[5];
        feature hle = cpuid(0x7).ebx[4];
        feature rtm = cpuid(0x7).ebx[11];
        feature mpx = cpuid(0x7).ebx[14];
        feature vmx-ept = msr(0x48b).edx[1];
        feature vmx-vpid = msr(0x48b).edx[5];
        feature avx512f = cpuid(0x7).ebx[16];
        feature avx512vl = cpuid(0x7).ebx[31];
        feature avx512bw = cpuid(0x7).ebx[30];
        alias sse4.1 = linux:sse4_1 linux:sse4-1;
        model Haswell-noTSX {
            vendor Intel;
            signature 6:60, 6:63, 6:69, 6:70;
            decode host guest;
            check compat;
            features aes apic avx +avx2 -hle;
            removed mpx;
            added vmx-ept vmx-vpid;
        }
        model Haswell-v2 : Haswell-noTSX { decode host; features -avx; }
        model Haswell-v1 : Haswell-noTSX;
        model Skylake-Server { vendor Intel; signature 6:85[0-4]; features aes avx avx2 avx512f avx512vl avx512bw; }
        model Cascadelake-Server : Skylake-Server { signature 6:85[5-7]; }
        rule broken-tsx when vendor Intel and family 6 and (model in {60, 69, 70} or (model 63 and stepping < 4)) drop hle, rtm;
        depend avx512vl, avx512bw -> avx512f;
        pool prod-east { forbid hle, rtm; require avx2; prefer Cascadelake-Server, Skylake-Server; allow Skylake-Server Cascadelake-Server; vendor Intel; migratable; }
        arch ppc64;
        vendor IBM;
        model POWER8 { vendor IBM; pvr 0x004b0000 mask 0xffff0000; pvr 0x004c0000 mask 0xffff0000; }
        arch aarch64;
        vendor ARM 0x41;
        feature sve;
        model cortex-a57 { vendor ARM; pvr 0xd07; }
        """;
}
