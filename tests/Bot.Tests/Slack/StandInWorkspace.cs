using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ChatOpsIncidents.Bot.Tests.Slack;

/// <summary>
/// The state behind the Slack stand-in (channels, messages, users, files, trigger ids) and the Web API methods over it,
/// with the arguments, errors and answers Slack documents for each method (https://api.slack.com/methods). Thread-safe;
/// everything is capped.
/// </summary>
public sealed partial class StandInWorkspace(TimeProvider time)
{
    public const string BotUserId = "U0BOT0001";
    public const string BotId = "B0BOT0001";
    private const int MaxEntries = 10_000;
    private const int MaxTopicLength = 250;
    private const int MaxMessageText = 40_000;
    private const int MaxMessageBlocks = 50;
    private const int MaxViewBlocks = 100;
    private const int MaxViewTitle = 24;
    private static readonly TimeSpan s_triggerLifetime = TimeSpan.FromSeconds(3);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, StandInChannel> _channels = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Channel, string Ts), StandInMessage> _messages = [];
    private readonly Dictionary<string, StandInUser> _users = new(StringComparer.Ordinal)
    {
        [BotUserId] = new StandInUser(BotUserId, "incident-bot", "Incident Bot", "Etc/UTC", IsBot: true),
    };
    private readonly Dictionary<string, StandInFile> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Id, string[] Members)> _userGroups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DateTimeOffset IssuedAt, bool Used)> _triggers = new(StringComparer.Ordinal);
    private long _sequence;

    public StandInUser AddUser(string id, string name, string realName, string tz = "Europe/Berlin", string? email = null)
    {
        var user = new StandInUser(id, name, realName, tz, Email: email);
        lock (_lock)
        {
            Capped(_users.Count);
            _users[id] = user;
        }
        return user;
    }

    /// <summary>A user group (<c>@handle</c> in Slack) with these members; returns its id.</summary>
    public string AddUserGroup(string handle, params string[] members)
    {
        lock (_lock)
        {
            Capped(_userGroups.Count);
            string id = NextId('S');
            _userGroups[handle] = (id, members);
            return id;
        }
    }

    /// <summary>A channel with the bot (and <paramref name="members"/>) in it; returns its id.</summary>
    public string AddChannel(string name, params string[] members) => AddChannel(name, botIsMember: true, members);

    public string AddChannel(string name, bool botIsMember, params string[] members)
    {
        lock (_lock)
        {
            Capped(_channels.Count);
            string id = NextId('C');
            _channels[id] = new StandInChannel(id, name, false, false, "", botIsMember ? [BotUserId, .. members] : [.. members], false);
            return id;
        }
    }

    /// <summary>Archives a channel, as someone in Slack would; returns its id.</summary>
    public string Archive(string channelId)
    {
        lock (_lock)
        {
            _channels[channelId] = _channels[channelId] with { IsArchived = true };
            return channelId;
        }
    }

    /// <summary>A trigger id as a slash command or button press would carry: valid for 3 s of the clock, once.</summary>
    public string IssueTriggerId()
    {
        lock (_lock)
        {
            Capped(_triggers.Count);
            string id = string.Create(CultureInfo.InvariantCulture, $"{NextSequence()}.{NextSequence()}.{Guid.NewGuid():N}");
            _triggers[id] = (time.GetUtcNow(), false);
            return id;
        }
    }

    public StandInChannel? Channel(string id)
    {
        lock (_lock)
        {
            return _channels.GetValueOrDefault(id);
        }
    }

    public StandInMessage? Message(string channel, string ts)
    {
        lock (_lock)
        {
            return _messages.GetValueOrDefault((channel, ts));
        }
    }

    public IReadOnlyList<StandInMessage> Messages(string channel)
    {
        lock (_lock)
        {
            return [.. _messages.Values.Where(message => message.Channel == channel).OrderBy(message => message.Ts, StringComparer.Ordinal)];
        }
    }

    public StandInFile? File(string id)
    {
        lock (_lock)
        {
            return _files.GetValueOrDefault(id);
        }
    }

    /// <summary>The files shared and not deleted.</summary>
    public IReadOnlyList<StandInFile> SharedFiles()
    {
        lock (_lock)
        {
            return [.. _files.Values.Where(file => file.IsCompleted)];
        }
    }

    /// <summary>Stores the bytes POSTed to a file's upload URL; false when no such upload was handed out.</summary>
    public bool ReceiveUpload(string fileId, byte[] content)
    {
        lock (_lock)
        {
            if (!_files.TryGetValue(fileId, out StandInFile? file) || file.IsCompleted)
            {
                return false;
            }
            _files[fileId] = file with { Content = content };
            return true;
        }
    }

    /// <summary>Carries out a Web API method; the answer is Slack's JSON, <c>ok</c> true or false.</summary>
    public JsonObject Handle(string method, SlackArguments args, Uri root)
    {
        lock (_lock)
        {
            return method switch
            {
                "chat.postMessage" => PostMessage(args),
                "chat.update" => Update(args),
                "chat.postEphemeral" => PostEphemeral(args),
                "conversations.create" => Create(args),
                "conversations.invite" => Invite(args),
                "conversations.setTopic" => SetTopic(args),
                "conversations.archive" => Archive(args),
                "conversations.open" => Open(args),
                "users.info" => UserInfo(args),
                "users.lookupByEmail" => LookUpUserByEmail(args),
                "usergroups.list" => UserGroups(args),
                "views.open" => OpenView(args),
                "files.getUploadURLExternal" => GetUploadUrl(args, root),
                "files.completeUploadExternal" => CompleteUpload(args),
                "files.delete" => DeleteFile(args),
                _ => Error("unknown_method"),
            };
        }
    }

    private JsonObject PostMessage(SlackArguments args)
    {
        if (Find(args.Text("channel")) is not { } channel)
        {
            return Error("channel_not_found");
        }
        if (channel.IsArchived)
        {
            return Error("is_archived");
        }
        if (!channel.Members.Contains(BotUserId))
        {
            return Error("not_in_channel");
        }
        if (ReadContent(args, out string? text, out JsonArray? blocks) is { } refused)
        {
            return refused;
        }
        Capped(_messages.Count);
        string ts = NextTs();
        string? threadTs = args.Text("thread_ts");
        _messages[(channel.Id, ts)] = new StandInMessage(channel.Id, ts, text, blocks, threadTs, []);
        var message = new JsonObject { ["type"] = "message", ["text"] = text ?? "", ["user"] = BotUserId, ["bot_id"] = BotId, ["ts"] = ts };
        if (blocks is not null)
        {
            message["blocks"] = blocks.DeepClone();
        }
        if (threadTs is not null)
        {
            message["thread_ts"] = threadTs;
        }
        return Ok(new JsonObject { ["channel"] = channel.Id, ["ts"] = ts, ["message"] = message });
    }

    private JsonObject Update(SlackArguments args)
    {
        if (args.Text("channel") is not { } channelId || !_channels.TryGetValue(channelId, out StandInChannel? channel))
        {
            return Error("channel_not_found");
        }
        if (args.Text("ts") is not { } ts || !_messages.TryGetValue((channel.Id, ts), out StandInMessage? message))
        {
            return Error("message_not_found");
        }
        if (channel.IsArchived)
        {
            return Error("is_inactive");
        }
        if (ReadContent(args, out string? text, out JsonArray? blocks) is { } refused)
        {
            return refused;
        }
        _messages[(channel.Id, ts)] = message with { Text = text, Blocks = blocks };
        return Ok(new JsonObject { ["channel"] = channel.Id, ["ts"] = ts, ["text"] = text ?? "" });
    }

    private JsonObject PostEphemeral(SlackArguments args)
    {
        if (Find(args.Text("channel")) is not { } channel)
        {
            return Error("channel_not_found");
        }
        if (args.Text("user") is not { } user || !channel.Members.Contains(user))
        {
            return Error("user_not_in_channel");
        }
        if (ReadContent(args, out _, out _) is { } refused)
        {
            return refused;
        }
        return Ok(new JsonObject { ["message_ts"] = NextTs() });
    }

    private JsonObject Create(SlackArguments args)
    {
        string? name = args.Text("name");
        if (string.IsNullOrEmpty(name))
        {
            return Error("invalid_name_required");
        }
        if (name.Length > 80)
        {
            return Error("invalid_name_maxlength");
        }
        if (!ChannelNamePattern().IsMatch(name))
        {
            return Error("invalid_name_specials");
        }
        if (name.All(c => c is '-' or '_'))
        {
            return Error("invalid_name_punctuation");
        }
        if (_channels.Values.Any(channel => !channel.IsDirect && channel.Name == name))
        {
            return Error("name_taken");
        }
        Capped(_channels.Count);
        string id = NextId('C');
        var created = new StandInChannel(id, name, args.Flag("is_private"), false, "", [BotUserId], false);
        _channels[id] = created;
        return Ok(new JsonObject { ["channel"] = Describe(created) });
    }

    private JsonObject Invite(SlackArguments args)
    {
        if (Find(args.Text("channel")) is not { } channel)
        {
            return Error("channel_not_found");
        }
        if (channel.IsArchived)
        {
            return Error("is_archived");
        }
        if (!channel.Members.Contains(BotUserId))
        {
            return Error("not_in_channel");
        }
        string[] users = (args.Text("users") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (users.Length == 0)
        {
            return Error("no_user");
        }
        bool force = args.Flag("force");
        List<string> invited = [];
        var errors = new JsonArray();
        foreach (string user in users)
        {
            string? error = user == BotUserId ? "cant_invite_self"
                : !_users.ContainsKey(user) ? "user_not_found"
                : channel.Members.Contains(user) || invited.Contains(user) ? "already_in_channel"
                : null;
            if (error is null)
            {
                invited.Add(user);
            }
            else if (!force)
            {
                return Error(error);
            }
            else
            {
                errors.Add(new JsonObject { ["user"] = user, ["ok"] = false, ["error"] = error });
            }
        }
        if (invited.Count == 0)
        {
            return Error(errors[0]!["error"]!.GetValue<string>());
        }
        StandInChannel updated = channel with { Members = [.. channel.Members, .. invited] };
        _channels[channel.Id] = updated;
        JsonObject answer = Ok(new JsonObject { ["channel"] = Describe(updated) });
        if (errors.Count > 0)
        {
            answer["errors"] = errors;
        }
        return answer;
    }

    private JsonObject SetTopic(SlackArguments args)
    {
        if (Find(args.Text("channel")) is not { } channel)
        {
            return Error("channel_not_found");
        }
        if (args.Text("topic") is not { } topic)
        {
            return Error("invalid_arguments", "[ERROR] missing required field: topic");
        }
        if (topic.Length > MaxTopicLength)
        {
            return Error("too_long");
        }
        if (channel.IsArchived)
        {
            return Error("is_archived");
        }
        if (!channel.Members.Contains(BotUserId))
        {
            return Error("not_in_channel");
        }
        StandInChannel updated = channel with { Topic = topic };
        _channels[channel.Id] = updated;
        return Ok(new JsonObject { ["channel"] = Describe(updated) });
    }

    private JsonObject Archive(SlackArguments args)
    {
        if (Find(args.Text("channel")) is not { } channel)
        {
            return Error("channel_not_found");
        }
        if (channel.IsArchived)
        {
            return Error("already_archived");
        }
        if (!channel.Members.Contains(BotUserId))
        {
            return Error("not_in_channel");
        }
        _channels[channel.Id] = channel with { IsArchived = true };
        return Ok(new JsonObject());
    }

    private JsonObject Open(SlackArguments args)
    {
        string[] users = (args.Text("users") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (users.Length == 0)
        {
            return Error("users_list_not_supplied");
        }
        if (users.FirstOrDefault(user => !_users.ContainsKey(user)) is not null)
        {
            return Error("user_not_found");
        }
        string[] members = [BotUserId, .. users.Order(StringComparer.Ordinal)];
        StandInChannel? direct = _channels.Values.FirstOrDefault(channel => channel.IsDirect && channel.Members.SequenceEqual(members));
        if (direct is null)
        {
            Capped(_channels.Count);
            direct = new StandInChannel(NextId('D'), "", true, true, "", members, false);
            _channels[direct.Id] = direct;
        }
        return Ok(new JsonObject { ["channel"] = new JsonObject { ["id"] = direct.Id } });
    }

    private JsonObject UserInfo(SlackArguments args)
    {
        if (args.Text("user") is not { } id)
        {
            return Error("invalid_arguments", "[ERROR] missing required field: user");
        }
        return _users.TryGetValue(id, out StandInUser? user) ? Ok(new JsonObject { ["user"] = UserJson(user) }) : Error("user_not_found");
    }

    /// <summary><c>users.lookupByEmail</c>: the member whose profile has this email, compared without regard to case.</summary>
    private JsonObject LookUpUserByEmail(SlackArguments args)
    {
        if (args.Text("email") is not { } email)
        {
            return Error("invalid_arguments", "[ERROR] missing required field: email");
        }
        StandInUser? user = _users.Values.FirstOrDefault(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));
        return user is null ? Error("users_not_found") : Ok(new JsonObject { ["user"] = UserJson(user) });
    }

    private static JsonObject UserJson(StandInUser user) => new()
    {
        ["id"] = user.Id,
        ["team_id"] = "T0STANDIN",
        ["name"] = user.Name,
        ["deleted"] = false,
        ["real_name"] = user.RealName,
        ["tz"] = user.Tz,
        ["tz_offset"] = 3600,
        ["is_bot"] = user.IsBot,
        ["profile"] = user.Email is null
            ? new JsonObject { ["real_name"] = user.RealName, ["display_name"] = user.Name }
            : new JsonObject { ["real_name"] = user.RealName, ["display_name"] = user.Name, ["email"] = user.Email },
    };

    private JsonObject UserGroups(SlackArguments args)
    {
        bool withUsers = args.Text("include_users") is "true" or "1";
        var groups = new JsonArray();
        foreach ((string handle, (string id, string[] members)) in _userGroups)
        {
            var group = new JsonObject { ["id"] = id, ["team_id"] = "T0STANDIN", ["is_usergroup"] = true, ["name"] = handle, ["handle"] = handle, ["user_count"] = members.Length };
            if (withUsers)
            {
                group["users"] = new JsonArray([.. members.Select(member => JsonValue.Create(member))]);
            }
            groups.Add(group);
        }
        return Ok(new JsonObject { ["usergroups"] = groups });
    }

    private JsonObject OpenView(SlackArguments args)
    {
        if (args.Text("trigger_id") is not { } triggerId)
        {
            return Error("invalid_arguments", "[ERROR] missing required field: trigger_id");
        }
        if (args.Node("view") is not JsonObject view)
        {
            return Error("invalid_arguments", "[ERROR] missing required field: view");
        }
        if (!_triggers.TryGetValue(triggerId, out (DateTimeOffset IssuedAt, bool Used) trigger))
        {
            return Error("invalid_trigger_id");
        }
        if (trigger.Used)
        {
            return Error("exchanged_trigger_id");
        }
        if (time.GetUtcNow() - trigger.IssuedAt > s_triggerLifetime)
        {
            return Error("expired_trigger_id");
        }
        string? title = view["title"] is JsonObject { } text && text["type"]?.GetValue<string>() == "plain_text"
            ? text["text"]?.GetValue<string>()
            : null;
        if (view["type"]?.GetValue<string>() != "modal" || title is null || title.Length > MaxViewTitle)
        {
            return Error("invalid_arguments", "[ERROR] a modal needs type \"modal\" and a plain_text title of at most 24 characters");
        }
        if (view["blocks"] is not JsonArray blocks || blocks.Count > MaxViewBlocks || !blocks.All(IsBlock))
        {
            return Error("invalid_arguments", "[ERROR] blocks must be an array of at most 100 blocks");
        }
        _triggers[triggerId] = trigger with { Used = true };
        view["id"] = NextId('V');
        view["hash"] = NextTs();
        return Ok(new JsonObject { ["view"] = view });
    }

    private JsonObject GetUploadUrl(SlackArguments args, Uri root)
    {
        string? filename = args.Text("filename");
        if (string.IsNullOrEmpty(filename) || !long.TryParse(args.Text("length"), out long length) || length <= 0)
        {
            return Error("invalid_arguments", "[ERROR] filename and a positive length are required");
        }
        Capped(_files.Count);
        string id = NextId('F');
        _files[id] = new StandInFile(id, filename, length, null, null, false);
        return Ok(new JsonObject { ["upload_url"] = new Uri(root, $"upload/{id}").AbsoluteUri, ["file_id"] = id });
    }

    private JsonObject DeleteFile(SlackArguments args) =>
        args.Text("file") is { } id && _files.Remove(id) ? Ok(new JsonObject()) : Error("file_not_found");

    private JsonObject CompleteUpload(SlackArguments args)
    {
        if (args.Node("files") is not JsonArray { Count: > 0 } entries)
        {
            return Error("invalid_arguments", "[ERROR] files must be a non-empty array of {id, title}");
        }
        List<StandInFile> completed = [];
        foreach (JsonNode? entry in entries)
        {
            string? id = entry?["id"]?.GetValue<string>();
            if (id is null || !_files.TryGetValue(id, out StandInFile? file) || file.Content is null || file.IsCompleted)
            {
                return Error("file_not_found");
            }
            completed.Add(file with { Title = entry!["title"]?.GetValue<string>() ?? file.Filename, IsCompleted = true });
        }
        StandInChannel? channel = null;
        if (args.Text("channel_id") is { } channelId)
        {
            channel = _channels.GetValueOrDefault(channelId);
            if (channel is null)
            {
                return Error("channel_not_found");
            }
            if (!channel.Members.Contains(BotUserId))
            {
                return Error("not_in_channel");
            }
        }
        foreach (StandInFile file in completed)
        {
            _files[file.Id] = file;
        }
        if (channel is not null)
        {
            Capped(_messages.Count);
            string ts = NextTs();
            _messages[(channel.Id, ts)] = new StandInMessage(
                channel.Id, ts, args.Text("initial_comment"), null, args.Text("thread_ts"), [.. completed.Select(file => file.Id)]);
        }
        var files = new JsonArray([.. completed.Select(file => (JsonNode)new JsonObject
        {
            ["id"] = file.Id,
            ["title"] = file.Title,
            ["name"] = file.Filename,
            ["size"] = file.Content!.Length,
        })]);
        return Ok(new JsonObject { ["files"] = files });
    }

    /// <summary>
    /// Text and blocks of a message: <c>no_text</c> without either, <c>msg_too_long</c> for text over 40 000 characters,
    /// <c>invalid_blocks</c> for malformed blocks.
    /// </summary>
    private static JsonObject? ReadContent(SlackArguments args, out string? text, out JsonArray? blocks)
    {
        text = args.Text("text");
        blocks = null;
        if (text?.Length > MaxMessageText)
        {
            return Error("msg_too_long");
        }
        JsonNode? node = args.Node("blocks");
        if (node is not null and not JsonArray)
        {
            return Error("invalid_blocks_format");
        }
        blocks = node as JsonArray;
        if (blocks is not null && (blocks.Count > MaxMessageBlocks || !blocks.All(IsBlock)))
        {
            return Error("invalid_blocks", "[ERROR] each block needs a \"type\"; at most 50 blocks");
        }
        return string.IsNullOrEmpty(text) && (blocks is null || blocks.Count == 0) ? Error("no_text") : null;
    }

    private static bool IsBlock(JsonNode? block) =>
        block is JsonObject && block["type"] is JsonValue type && type.GetValueKind() == System.Text.Json.JsonValueKind.String;

    /// <summary>A channel by id, or by name with or without "#", as Slack accepts for posting.</summary>
    private StandInChannel? Find(string? channel)
    {
        if (channel is null)
        {
            return null;
        }
        if (_channels.TryGetValue(channel, out StandInChannel? byId))
        {
            return byId;
        }
        string name = channel.TrimStart('#');
        return _channels.Values.FirstOrDefault(candidate => !candidate.IsDirect && candidate.Name == name);
    }

    private JsonObject Describe(StandInChannel channel) => new()
    {
        ["id"] = channel.Id,
        ["name"] = channel.Name,
        ["is_channel"] = !channel.IsPrivate,
        ["is_group"] = false,
        ["is_private"] = channel.IsPrivate,
        ["is_archived"] = channel.IsArchived,
        ["is_member"] = channel.Members.Contains(BotUserId),
        ["created"] = time.GetUtcNow().ToUnixTimeSeconds(),
        ["creator"] = BotUserId,
        ["topic"] = new JsonObject { ["value"] = channel.Topic, ["creator"] = BotUserId, ["last_set"] = 0 },
        ["purpose"] = new JsonObject { ["value"] = "", ["creator"] = "", ["last_set"] = 0 },
    };

    private static JsonObject Ok(JsonObject fields)
    {
        var answer = new JsonObject { ["ok"] = true };
        foreach ((string name, JsonNode? value) in fields.ToList())
        {
            fields.Remove(name);
            answer[name] = value;
        }
        return answer;
    }

    public static JsonObject Error(string code, params string[] messages)
    {
        var answer = new JsonObject { ["ok"] = false, ["error"] = code };
        if (messages.Length > 0)
        {
            answer["response_metadata"] = new JsonObject { ["messages"] = new JsonArray([.. messages.Select(m => (JsonNode)JsonValue.Create(m))]) };
        }
        return answer;
    }

    /// <summary>"1772442840.000007": the clock's seconds and a sequence, so every ts is unique and later ones sort later.</summary>
    private string NextTs() => string.Create(CultureInfo.InvariantCulture, $"{time.GetUtcNow().ToUnixTimeSeconds()}.{NextSequence() % 1_000_000:D6}");

    /// <summary>"C00000012": Slack-like ids, uppercase letter prefix and digits.</summary>
    private string NextId(char prefix) => string.Create(CultureInfo.InvariantCulture, $"{prefix}0{NextSequence():D7}");

    private long NextSequence() => ++_sequence;

    private static void Capped(int count)
    {
        if (count >= MaxEntries)
        {
            throw new InvalidOperationException($"The Slack stand-in holds {MaxEntries} entries of a kind; a test is looping.");
        }
    }

    [GeneratedRegex("^[a-z0-9_-]+$")]
    private static partial Regex ChannelNamePattern();
}
