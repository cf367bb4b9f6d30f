using CpuCompat.Cli;

return Cli.Run(args, Console.Out, Console.Error, Console.In);
