using System.Xml.Linq;
using ChatOpsIncidents.Core.Documents;
using ChatOpsIncidents.Core.Persistence;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace ChatOpsIncidents.Bot.SignIn;

/// <summary>
/// The data-protection key ring (what signs and encrypts the session and anti-forgery cookies) in the incident database, so
/// that every replica on the same database reads what another wrote. The keys are secrets: only this class reads their
/// collection, and nothing logs them.
/// </summary>
internal sealed class DatabaseKeyRing(IServiceScopeFactory scopes) : IXmlRepository
{
    public const string Collection = "data-protection-keys";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using IServiceScope scope = scopes.CreateScope();
        IncidentsDbContext db = scope.ServiceProvider.GetRequiredService<IncidentsDbContext>();
        List<string> keys = [.. db.StoredDocuments.AsNoTracking().Where(d => d.Collection == Collection).OrderBy(d => d.Id).Select(d => d.Text)];
        return [.. keys.Select(key => XElement.Parse(key))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using IServiceScope scope = scopes.CreateScope();
        IncidentsDbContext db = scope.ServiceProvider.GetRequiredService<IncidentsDbContext>();
        db.StoredDocuments.Add(new StoredDocument(Collection, friendlyName, element.ToString(SaveOptions.DisableFormatting)));
        db.SaveChanges();
    }
}
