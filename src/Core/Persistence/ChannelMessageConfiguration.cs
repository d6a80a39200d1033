using ChatOpsIncidents.Core.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChatOpsIncidents.Core.Persistence;

internal sealed class ChannelMessageConfiguration : IEntityTypeConfiguration<ChannelMessage>
{
    public void Configure(EntityTypeBuilder<ChannelMessage> message)
    {
        message.Property(m => m.Channel).HasMaxLength(ChannelMessage.MaxChannelLength);
        message.Property(m => m.Text).HasMaxLength(ChannelMessage.MaxTextLength);
        message.Property(m => m.LeaseOwner).HasMaxLength(128);
        message.Property(m => m.MessageId).HasMaxLength(32);
        // Only messages still to be posted are looked for; the posted ones stay as the record of what was told when.
        message.HasIndex(m => m.Id).HasFilter("\"FinishedAt\" IS NULL").HasDatabaseName("IX_ChannelMessages_Unfinished");
    }
}
