// SPDX-License-Identifier: GPL-2.0-only
using System.Text;
using MmuNotifier.Verification.Engine.Json;

namespace MmuNotifier.Verification.Engine.Tests.Json;

/// <summary>The one reading layer under traces and scenarios: positions, paths and the error shape.</summary>
public sealed class JsonValueTests
{
    private static JsonValue Parse(string json, JsonSyntax syntax = JsonSyntax.Strict) =>
        JsonValue.Parse(Encoding.UTF8.GetBytes(json), "f.json", syntax);

    private static JsonFormatException Bad(string json, JsonSyntax syntax = JsonSyntax.Strict) =>
        Assert.Throws<JsonFormatException>(() => Parse(json, syntax));

    private static JsonFormatException Bad(string json, Action<JsonValue> read) =>
        Assert.Throws<JsonFormatException>(() => read(Parse(json)));

    [Fact]
    public void Every_value_knows_its_line_column_and_path()
    {
        var root = Parse("{\n  \"threads\": [\n    { \"ops\": [ { \"page\": 3 } ] },\n    { \"ops\": [\n      { \"page\": 7 } ] }\n  ]\n}");
        var page = root.Required("threads").Items[1].Required("ops").Items[0].Required("page");
        Assert.Equal("$.threads[1].ops[0].page", page.Path);
        Assert.Equal((5L, 17L), (page.Line, page.Column));
        Assert.Equal(7, page.AsInt32());
    }

    [Fact]
    public void Columns_count_characters_not_bytes()
    {
        var value = Parse("{ \"é€\": \"x\", \"n\": 1 }").Required("n");
        Assert.Equal(19, value.Column);
    }

    [Fact]
    public void Errors_have_one_shape_file_line_path_expectation()
    {
        var e = Bad("{\n  \"a\": {\n    \"b\": \"four\"\n  }\n}", root => root.Required("a").Required("b").AsInteger());
        Assert.Equal("f.json:3: $.a.b: expected an integer, found string \"four\"", e.Message);
        Assert.Equal((3L, 10L, "$.a.b"), (e.Line, e.Column, e.Path));
    }

    [Fact]
    public void Missing_field_is_reported_at_its_object()
    {
        var e = Bad("{\n  \"a\": {\n  }\n}", root => root.Required("a").Required("b"));
        Assert.Equal("f.json:2: $.a.b: missing required field 'b'", e.Message);
    }

    [Fact]
    public void Unknown_fields_are_refused_with_the_known_ones_listed()
    {
        var e = Bad("{ \"name\": 1,\n \"colour\": 2 }", root => root.AsObject(["name", "size"]));
        Assert.Equal("f.json:2: $.colour: unknown field 'colour'; expected one of: name, size", e.Message);
    }

    [Fact]
    public void Duplicate_keys_are_refused_at_the_second_one()
    {
        var e = Bad("{ \"a\": { \"x\": 1,\n   \"x\": 2 } }");
        Assert.Equal("f.json:2: $.a.x: each field once; 'x' is given twice", e.Message);
    }

    [Theory]
    [InlineData("{ \"n\": 1.5 }", "expected an integer, found number 1.5")]
    [InlineData("{ \"n\": 1e3 }", "expected an integer, found number 1e3")]
    [InlineData("{ \"n\": true }", "expected an integer, found boolean true")]
    [InlineData("{ \"n\": null }", "expected an integer, found null")]
    [InlineData("{ \"n\": [] }", "expected an integer, found an array")]
    [InlineData("{ \"n\": 99999999999999999999 }", "expected an integer, found number 99999999999999999999")]
    public void Wrong_types_say_what_was_found(string json, string expected) =>
        Assert.Equal(expected, Bad(json, root => root.Required("n").AsInteger()).Expected);

    [Fact]
    public void Choices_list_the_allowed_spellings()
    {
        var e = Bad("{ \"op\": \"teleport\" }", root => root.Required("op").AsOneOf(["unmap", "zap"]));
        Assert.Equal("expected one of unmap, zap, found string \"teleport\"", e.Expected);
    }

    [Fact]
    public void Syntax_errors_name_line_column_and_the_enclosing_path()
    {
        var e = Bad("{\n  \"a\": [1,\n    2 3]\n}");
        Assert.StartsWith("f.json:3: $.a: malformed JSON at column 7: ", e.Message, StringComparison.Ordinal);
        Assert.Equal(7, e.Column);
    }

    [Fact]
    public void Comments_and_trailing_commas_only_when_asked_for()
    {
        const string json = "// hand-written\n{ \"a\": [1, 2,], /* note */ }";
        Assert.Equal(2, Parse(json, JsonSyntax.CommentsAndTrailingCommas).Required("a").Items.Count);
        Assert.Contains("malformed JSON", Bad(json).Expected, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n ")]
    public void Empty_text_is_refused(string json) =>
        Assert.Equal("f.json:1: $: expected a JSON value, but the file is empty", Bad(json).Message);

    [Fact]
    public void Only_comments_is_refused() =>
        Assert.StartsWith("f.json:2: $: malformed JSON at column 1: The input does not contain any JSON tokens",
            Bad("// nothing\n", JsonSyntax.CommentsAndTrailingCommas).Message, StringComparison.Ordinal);

    [Fact]
    public void Text_after_the_root_value_is_refused() =>
        Assert.Contains("malformed JSON", Bad("{} {}").Expected, StringComparison.Ordinal);

    [Fact]
    public void Invalid_utf8_is_named_with_its_place()
    {
        byte[] bytes = [.. "{\n  \"a\": \"x"u8, 0xFF, .. "\"\n}"u8];
        var e = Assert.Throws<JsonFormatException>(() => JsonValue.Parse(bytes, "f.json"));
        Assert.Equal("f.json:2: $: expected UTF-8 text, found the byte 0xFF at column 10, which is not UTF-8", e.Message);
    }

    [Theory]
    [InlineData("{ \"a\": \"x\\ud800\" }", "$.a")]
    [InlineData("{ \"a\": \"\\udc00\" }", "$.a")]
    [InlineData("{ \"a\": [\"\\ud800\\u0041\"] }", "$.a[0]")]
    [InlineData("{ \"\\ud800\": 1 }", "$")]
    public void Lone_surrogate_escapes_are_refused(string json, string path)
    {
        var e = Bad(json);
        Assert.Equal(path, e.Path);
        Assert.Contains("lone surrogate escape", e.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void A_surrogate_pair_escape_is_a_character()
    {
        Assert.Equal("😀", Parse("{ \"a\": \"\\ud83d\\ude00\" }").Required("a").AsString());
    }

    [Fact]
    public void A_byte_order_mark_is_skipped()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "{\n\"a\": 1 }"u8];
        var a = JsonValue.Parse(bytes, "f.json").Required("a");
        Assert.Equal((2L, 6L), (a.Line, a.Column));
    }

    [Fact]
    public void Nesting_beyond_the_depth_limit_is_a_format_error()
    {
        var json = new string('[', 200) + new string(']', 200);
        Assert.Contains("depth", Bad(json).Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Odd_field_names_get_bracket_paths()
    {
        var e = Bad("{ \"a b\": \"x\" }", root => root.Required("a b").AsInteger());
        Assert.Equal("$['a b']", e.Path);
    }
}
