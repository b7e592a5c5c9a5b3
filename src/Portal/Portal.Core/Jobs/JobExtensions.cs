using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PartnerPortal.Jobs;

public static class JobExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TJob"/> as a scoped job that runs every
    /// <paramref name="interval"/> under its lease <paramref name="name"/>.
    /// </summary>
    /// <param name="module">The registering module's name, so the job is listed under it; null for the kernel.</param>
    public static IServiceCollection AddPortalJob<TJob>(this IServiceCollection services, string name, string description, TimeSpan interval, string? module = null)
        where TJob : class, IPortalJob
    {
        services.AddPortalJobs();
        services.AddScoped<TJob>();
        services.AddSingleton(new JobDefinition(name, description, module, typeof(TJob), interval));
        return services;
    }

    /// <summary>Like <see cref="AddPortalJob{TJob}"/>, with the interval read from the job's options (a setting in appsettings).</summary>
    public static IServiceCollection AddPortalJob<TJob, TOptions>(this IServiceCollection services, string name, string description, Func<TOptions, TimeSpan> interval, string? module = null)
        where TJob : class, IPortalJob
        where TOptions : class
    {
        services.AddPortalJobs();
        services.AddScoped<TJob>();
        services.AddSingleton(sp => new JobDefinition(name, description, module, typeof(TJob), interval(sp.GetRequiredService<IOptions<TOptions>>().Value)));
        return services;
    }

    /// <summary>The leases, the runner and the one hosted scheduler every job shares; registered once however often it is called.</summary>
    public static IServiceCollection AddPortalJobs(this IServiceCollection services)
    {
        services.AddOptions<JobOptions>().BindConfiguration(JobOptions.Section);
        services.TryAddScoped<JobLeases>();
        services.TryAddSingleton<JobRunner>();
        services.AddHostedService<JobScheduler>();
        return services;
    }
}
