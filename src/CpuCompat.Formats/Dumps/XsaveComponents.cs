using CpuCompat.Formats.Detection;
using CpuCompat.Formats.Diagnostics;

namespace CpuCompat.Formats.Dumps;

/// <summary>
/// The architectural sizes of the XSAVE state components (CPUID leaf 0xD sub-leaf n, EAX), used to recognise which
/// component an unnumbered leaf-0xD entry describes. Sources: Intel SDM Vol. 1 §13.1–13.5 (state components 2–19)
/// and AMD APM Vol. 2 §11.5 (component 62, LWP). Sizes a CPU may pad (Zen 2 reports PKRU as 64 bytes) or that vary
/// by model (15, LBR) are only hints: a mismatch lowers the score of a guess, it never rules one out.
/// </summary>
internal static class XsaveComponents
{
    /// <summary>The offset of the first extended component: the 512-byte legacy area plus the 64-byte XSAVE header.</summary>
    public const uint FirstExtendedOffset = 576;

    /// <summary>The size in bytes of state component <paramref name="component"/>, or null when it varies or is unknown.</summary>
    public static uint? SizeOf(int component) => component switch
    {
        2 => 256,   // AVX: upper halves of YMM0-15
        3 => 64,    // MPX BNDREGS
        4 => 64,    // MPX BNDCSR
        5 => 64,    // AVX-512 opmask k0-7
        6 => 512,   // AVX-512 ZMM_Hi256
        7 => 1024,  // AVX-512 Hi16_ZMM
        8 => 128,   // PT (supervisor)
        9 => 8,     // PKRU
        10 => 8,    // PASID (supervisor)
        11 => 16,   // CET_U (supervisor)
        12 => 24,   // CET_S (supervisor)
        13 => 8,    // HDC (supervisor)
        14 => 48,   // UINTR (supervisor)
        16 => 8,    // HWP (supervisor)
        17 => 64,   // AMX TILECFG
        18 => 8192, // AMX TILEDATA
        19 => 128,  // APX extended GPRs
        62 => 128,  // AMD LWP
        _ => null,
    };
}
