namespace NumbersBot.Bot.Tests.Cards;

/// <summary>A behaviour of the official templating engine; a null Expected means both engines refuse the template.</summary>
public sealed record TemplatingRule(string Name, string Template, string? Expected, string Data = TemplatingRules.CommonData);

/// <summary>
/// The official engine's rules for what we use, each checked against the C# engine (CardTemplateRuleTests) and
/// against the official npm package itself (OfficialEngineTests), so the expectations here are facts, not guesses.
/// </summary>
public static class TemplatingRules
{
    public const string CommonData = """
        {"name":"Bob","n":3,"f":1.5,"big":1234567.891,"neg":-1234.5,"zero":0,"t":true,"fl":false,"nul":null,"s":"abc",
         "items":[{"a":1,"name":"x"},{"a":2,"name":"y"}],"one":[{"a":9}],"none":[],"strs":["p","q"],
         "obj":{"k":"v","Name":"cap","name":"low"},"nested":{"inner":{"deep":"d"}},"Upper":"U"}
        """;

    public static IReadOnlyList<TemplatingRule> All { get; } =
    [
        // Typed values and text
        new("One binding as the whole string keeps a number", """{"v":"${n}"}""", """{"v":3}"""),
        new("One binding as the whole string keeps a boolean", """{"v":"${t}"}""", """{"v":true}"""),
        new("One binding as the whole string keeps an object", """{"v":"${nested}"}""", """{"v":{"inner":{"deep":"d"}}}"""),
        new("One binding as the whole string keeps an array", """{"v":"${strs}"}""", """{"v":["p","q"]}"""),
        new("A lone constant binding becomes text", """{"a":"${3}","b":"${true}","c":"${'x'}"}""", """{"a":"3","b":"true","c":"x"}"""),
        new("Text around bindings interpolates them", """{"v":"n=${n}, f=${f}, t=${t}, ${s}${s}"}""", """{"v":"n=3, f=1.5, t=true, abcabc"}"""),
        new("Numbers in text are written the JavaScript way", """{"v":"${a} ${b} ${c} ${d} ${e}"}""",
            """{"v":"1e+21 1e-7 0.30000000000000004 100 -0.5"}""", """{"a":1e21,"b":1e-7,"c":0.30000000000000004,"d":100.0,"e":-0.5}"""),
        new("Backslash escapes a dollar or a backquote", """{"v":"cost \\${n} and \\` tick ${s}"}""", """{"v":"cost ${n} and ` tick abc"}"""),
        new("A string without a binding is left untouched", """{"v":"50% \\$ \\n `code`"}""", """{"v":"50% \\$ \\n `code`"}"""),
        new("Property names are not templated", """{"${s}":"${s}"}""", """{"${s}":"abc"}"""),
        new("String literals unescape quotes, newlines and backslashes", """{"v":"${'it\\'s'} ${\"dq\"} ${'a\\\\b'}"}""", """{"v":"it's dq a\\b"}"""),
        new("A backquote in a templated string must be escaped", """{"v":"`x` ${s}"}""", null),

        // Missing and null values
        new("A missing value as the whole string becomes its binding text", """{"v":"${missing}"}""", """{"v":"${missing}"}"""),
        new("A missing value in text stays as its binding", """{"v":"Hi ${missing.name}!"}""", """{"v":"Hi ${missing.name}!"}"""),
        new("A missing item is written back with its evaluated index", """{"a":"${items[5].name}","b":"x ${items[n].name}"}""",
            """{"a":"${items[5].name}","b":"x ${items[3].name}"}"""),
        new("A null value as the whole string gives null", """{"v":"${nul}"}""", """{"v":null}"""),
        new("A null value inside text fails", """{"v":"Hi ${nul}"}""", null),
        new("An undefined value drops its property", """{"a":"${obj['zz']}","b":1}""", """{"b":1}"""),
        new("Functions see a missing value as its binding text", """{"a":"${count(missing)}","b":"${length(missing)}","c":"${string(missing)}"}""",
            """{"a":10,"b":10,"c":"${missing}"}"""),
        new("Operators, empty and if's condition see a missing value as undefined",
            """{"a":"${missing == null}","b":"${!missing}","c":"${empty(missing)}","d":"${if(missing, 'y', 'n')}","e":"${n > missing}","f":"${n != missing}"}""",
            """{"a":true,"b":true,"c":true,"d":"n","e":false,"f":true}"""),
        new("Names match case-insensitively, first key wins", """{"a":"${obj.NAME}","b":"${upper}","c":"${OBJ.k}"}""", """{"a":"cap","b":"U","c":"v"}"""),
        new("An item past the end fails as the whole string", """{"v":"${items[5]}"}""", null),
        new("An item past the end is left as its binding in text", """{"v":"x ${items[5]}"}""", """{"v":"x ${items[5]}"}"""),
        new("A failing expression in text is written back as AEL prints it", """{"v":"x ${1 < 'a'} ${if(not(t), 1, items[9])}"}""",
            """{"v":"x ${(1 < 'a')} ${if(!(t), 1, items[9])}"}"""),

        // Operators
        new("Equality is strict about types", """{"a":"${n == '3'}","b":"${t == 'true'}","c":"${3 == 3.0}","d":"${s == 'ABC'}"}""",
            """{"a":false,"b":false,"c":true,"d":false}"""),
        new("Equality compares objects and arrays by content", """{"a":"${x == y}","b":"${x.l != y.l}"}""", """{"a":true,"b":false}""",
            """{"x":{"l":[1,{"m":2}]},"y":{"l":[1,{"m":2}]}}"""),
        new("Equality binds tighter than comparison", """{"v":"x ${1 < 2 == true}"}""", """{"v":"x ${(1 < (2 == true))}"}"""),
        new("Not binds tighter than equality", """{"v":"${!s == 'b'}"}""", """{"v":false}"""),
        new("Only false, null and undefined are falsy", """{"a":"${!0}","b":"${!''}","c":"${!nul}","d":"${!fl}","e":"${if(zero, 'y', 'n')}"}""",
            """{"a":false,"b":false,"c":true,"d":true,"e":"y"}"""),
        new("Or without a true operand gives the last operand's value", """{"a":"${fl || nul}","b":"${fl || missing}","c":"${fl || 0}","d":"${t || fl}"}""",
            """{"a":null,"c":true,"d":true}"""),
        new("And gives a boolean", """{"a":"${n && s}","b":"${t && nul}"}""", """{"a":true,"b":false}"""),
        new("Strings compare by character code", """{"a":"${'B' < 'a'}","b":"${s >= 'abc'}"}""", """{"a":true,"b":true}"""),
        new("Comparing a number with a string fails", """{"v":"${n < 'a'}"}""", null),

        // Functions
        new("count counts items, keys and characters", """{"a":"${count(items)}","b":"${count(obj)}","c":"${count(s)}"}""", """{"a":2,"b":3,"c":3}"""),
        new("count of null fails", """{"v":"${count(nul)}"}""", null),
        new("count of a number literal fails when the template is read", """{"v":"x","w":"${count(5)}"}""", null),
        new("length counts characters", """{"a":"${length(s)}","b":"${length('')}"}""", """{"a":3,"b":0}"""),
        new("length of a number fails", """{"v":"${length(n)}"}""", null),
        new("empty is true for null, empty text, arrays and objects", """{"a":"${empty(nul)}","b":"${empty('')}","c":"${empty(none)}","d":"${empty(zero)}","e":"${empty(s)}"}""",
            """{"a":true,"b":true,"c":true,"d":false,"e":false}""", """{"nul":null,"none":[],"zero":0,"s":"x"}"""),
        new("string writes numbers with en-US grouping and a true minus sign", """{"a":"${string(big)}","b":"${string(neg)}","c":"${string(n)}","d":"${string(t)}","e":"${string(nul)}"}""",
            """{"a":"1,234,567.891","b":"\u22121,234.5","c":"3","d":"true","e":""}"""),
        new("concat joins its arguments as text", """{"a":"${concat(s, n, t)}","b":"${concat(missing, s)}","c":"x ${concat(s, nul)}"}""",
            """{"a":"abc3true","b":"${missing}abc","c":"x abc"}"""),
        new("A whole-string concat with null fails", """{"v":"${concat(nul, 'x')}"}""", null),
        new("A nested concat of nothing is undefined", """{"a":"${if(t, concat(nul, nul), 1)}","b":2}""", """{"b":2}"""),
        new("An unknown function fails as the whole string", """{"v":"${foo(1)}"}""", null),

        // $data, repeats, $root, $index
        new("$data rebinds an object", """{"$data":"${nested.inner}","v":"${deep}","w":"${$data.deep}"}""", """{"v":"d","w":"d"}"""),
        new("An array $data repeats the element with $index", """[{"$data":"${items}","v":"${name}","i":"${$index}"}]""",
            """[{"v":"x","i":0},{"v":"y","i":1}]"""),
        new("$root reaches the top inside a repeat", """[{"$data":"${items}","v":"${$root.s}-${name}"}]""", """[{"v":"abc-x"},{"v":"abc-y"}]"""),
        new("A repeat over one item as a property gives the object itself", """{"x":{"$data":"${one}","v":"${a}"}}""", """{"x":{"v":9}}"""),
        new("A repeat over no items gives null as a property and nothing in an array",
            """{"x":{"$data":"${none}","v":1},"y":[{"$data":"${none}","v":1}]}""", """{"x":null,"y":[]}"""),
        new("A repeat at the root gives an array", """{"$data":"${items}","v":"${a}"}""", """[{"v":1},{"v":2}]"""),
        new("A repeat over strings makes each string the data", """[{"$data":"${strs}","v":"${$data}"}]""", """[{"v":"p"},{"v":"q"}]"""),
        new("A nested repeat has its own $index and an object $data keeps the outer one",
            """[{"$data":"${groups}","m":[{"$data":"${members}","v":"${$index}:${$data}"}],"meta":{"$data":"${meta}","v":"${$index}:${tag}"}}]""",
            """[{"m":[{"v":"0:a"},{"v":"1:b"}],"meta":{"v":"0:g1"}},{"m":[{"v":"0:c"}],"meta":{"v":"1:g2"}}]""",
            """{"groups":[{"members":["a","b"],"meta":{"tag":"g1"}},{"members":["c"],"meta":{"tag":"g2"}}]}"""),
        new("A missing $data binds the text of its binding", """{"$data":"${missing}","v":"${k}"}""", """{"v":"${k}"}"""),
        new("A null $data binds null", """{"$data":"${nul}","v":"${k}","w":"${$data}"}""", """{"v":"${k}","w":null}"""),
        new("$index outside a repeat is missing", """{"v":"${$index}"}""", """{"v":"${$index}"}"""),
        new("Inline $data is used as it is", """{"$data":[{"a":1},{"a":2}],"v":"${a}"}""", """[{"v":1},{"v":2}]"""),

        // $when
        new("$when false drops the element from an array", """[{"$when":"${fl}","a":1},{"a":2}]""", """[{"a":2}]"""),
        new("$when keeps the element only for boolean true", """[{"$when":"${n}","a":1},{"$when":"${s}","a":2},{"$when":"${t}","a":3}]""", """[{"a":3}]"""),
        new("$when sees a missing value as undefined and drops", """[{"$when":"${missing}","a":1},{"$when":"${!missing}","a":2}]""", """[{"a":2}]"""),
        new("$when is evaluated for each repeated item", """[{"$data":"${items}","$when":"${a > 1 || $index == 0}","v":"${name}"}]""",
            """[{"v":"x"},{"v":"y"}]"""),
        new("A dropped object as a property value becomes null", """{"x":{"$when":"${fl}","a":1}}""", """{"x":null}"""),

        // Arrays and reserved keys
        new("Null items are dropped from arrays", """[1,null,"${nul}",2]""", """[1,2]"""),
        new("Nested arrays and array values are spliced into their array", """{"x":[[1,[2]],"${strs}",[]]}""", """{"x":[1,2,"p","q"]}"""),
        new("An undefined array item is written as null", """["${obj['zz']}"]""", """[null]"""),
        new("Reserved keys are not copied", """{"$root":1,"$index":2,"$host":3,"$_acTemplateVersion":4,"keep":1}""", """{"keep":1}"""),
    ];

    public static TheoryData<string> Names => [.. All.Select(r => r.Name)];

    public static TemplatingRule Get(string name) => All.Single(r => r.Name == name);
}
