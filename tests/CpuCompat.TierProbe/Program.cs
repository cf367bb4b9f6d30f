return CpuCompat.TierProbe.TierProbe.Run(Console.Out);
