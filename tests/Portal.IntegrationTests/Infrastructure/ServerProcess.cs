using System.Diagnostics;

namespace PartnerPortal.IntegrationTests.Infrastructure;

/// <summary>Ends a helper server (aiosmtpd, dnsmasq) the fixtures started, and forgets it.</summary>
public static class ServerProcess
{
    public static void Stop(ref Process? process)
    {
        if (process is null) return;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }

        process.Dispose();
        process = null;
    }
}
