using ChatOpsIncidents.Core.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIncidents.Core.Persistence;

internal sealed class HandledRequestConfiguration : IEntityTypeConfiguration<HandledRequest>
{
    public void Configure(EntityTypeBuilder<HandledRequest> request)
    {
        request.HasKey(r => r.Key);
        request.Property(r => r.Key).HasMaxLength(HandledRequest.MaxKeyLength);
        request.HasIndex(r => r.At);
    }
}
