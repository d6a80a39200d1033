using ChatOpsIncidents.Core.FollowUps;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChatOpsIncidents.Bot.FollowUps;

internal static class FollowUpServiceCollectionExtensions
{
    /// <summary>The tracker of <c>Postmortems:FollowUps</c>: GitHub's or Jira's, or none.</summary>
    public static IServiceCollection AddFollowUpTracker(this IServiceCollection services)
    {
        services.AddOptions<FollowUpOptions>().BindConfiguration(FollowUpOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FollowUpOptions>, FollowUpOptionsValidator>();
        services.AddSingleton<OwnerEmails>();
        services.AddSingleton<GitHubIssueTracker>();
        services.AddHttpClient<JiraIssueTracker>((provider, http) => http.Timeout = provider.GetRequiredService<IOptions<FollowUpOptions>>().Value.Timeout);
        services.Replace(ServiceDescriptor.Transient<IFollowUpTracker>(provider => provider.GetRequiredService<IOptions<FollowUpOptions>>().Value switch
        {
            { GitHub: not null } => provider.GetRequiredService<GitHubIssueTracker>(),
            { Jira: not null } => provider.GetRequiredService<JiraIssueTracker>(),
            _ => new NoFollowUpTracker(),
        }));
        return services;
    }
}
