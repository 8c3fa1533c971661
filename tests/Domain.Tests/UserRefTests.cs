namespace NumbersBot.Domain.Tests;

public sealed class UserRefTests
{
    [Theory]
    [InlineData("teams:72f988bf-86f1-41af-91ab-2d7cd011db47:0b5e4d1c-6a3a-4f4e-9c8e-3f2a1d0c9b8a", "teams")]
    [InlineData("slack:T024BE7LD:U012AB3CD", "slack")]
    [InlineData("local:alice", "local")]
    public void User_keys_round_trip(string key, string channel)
    {
        var user = UserRef.ParseKey(key);

        Assert.Equal((key, channel), (user.Key, user.Channel));
        Assert.Equal(user, UserRef.ParseKey(user.Key));
    }

    [Fact]
    public void Keys_are_built_from_their_parts()
    {
        Assert.Equal("teams:tenant-1:oid-1", UserRef.Teams("tenant-1", "OID-1").Key);
        Assert.Equal("slack:T1:U1", UserRef.Slack("T1", "U1").Key);
        Assert.Equal("local:alice", UserRef.Local(" Alice ").Key);
    }

    [Fact]
    public void Teams_object_ids_and_local_names_ignore_case()
    {
        Assert.Equal(UserRef.ParseKey("teams:t1:abc-def"), UserRef.ParseKey("teams:t1:ABC-DEF"));
        Assert.Equal(UserRef.ParseKey("local:alice"), UserRef.ParseKey("local:Alice"));
    }

    [Fact]
    public void Slack_ids_are_kept_as_given() =>
        Assert.NotEqual(UserRef.ParseKey("slack:T1:U1"), UserRef.ParseKey("slack:T1:u1"));

    [Fact]
    public void The_same_person_on_two_channels_is_two_users() =>
        Assert.NotEqual(UserRef.Local("u1"), UserRef.Slack("T1", "u1"));

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("alice")]
    [InlineData("local:")]
    [InlineData("teams:tenant-only")]
    [InlineData("slack:T1:U1:extra")]
    [InlineData("email:alice@example.com")]
    [InlineData("teams::oid")]
    [InlineData("slack:T1: ")]
    public void Malformed_keys_are_refused(string? key)
    {
        var refusal = Refusals.Refused(() => UserRef.ParseKey(key!), RefusalKind.Invalid);

        Assert.Matches("is not a user key|is missing or malformed", refusal.Message);
    }

    [Fact]
    public void Parts_with_a_colon_are_refused() =>
        Refusals.Refused(() => UserRef.Slack("T1", "U1:U2"), RefusalKind.Invalid);
}
