using ChatOpsIncidents.Core.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIncidents.Core.Persistence;

internal sealed class StoredDocumentConfiguration : IEntityTypeConfiguration<StoredDocument>
{
    public void Configure(EntityTypeBuilder<StoredDocument> document)
    {
        document.HasKey(d => d.Id);
        document.Property(d => d.Collection).HasMaxLength(StoredDocument.MaxCollectionLength);
        document.Property(d => d.Name).HasMaxLength(StoredDocument.MaxNameLength);
        document.HasIndex(d => d.Collection);
    }
}
