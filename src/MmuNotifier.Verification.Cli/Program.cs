// SPDX-License-Identifier: GPL-2.0-only
using MmuNotifier.Verification.Cli;
using MmuNotifier.Verification.Cli.Terminal;

using var interruption = Interruption.ForProcess();
return CliApp.Run(args, new StandardOutputWriter(Console.Out), new StandardErrorWriter(Console.Error), interruption);
