// CpuCompat rule DSL (.ccl files): vendors, features, models, rules, dependencies, tags, ABI levels, pools and checks.
// The language reference is README.md beside this file; grammar/generate.sh regenerates the C# parser.
// Keep the parser permissive where a friendlier check can follow: registers, decode flags, arch names
// and number ranges are plain names and numbers here and are validated by Syntax/SyntaxBuilder.cs.
grammar CpuCompat;

file : statement* EOF ;

statement
    : archStatement
    | compatStatement
    | vendorStatement
    | featureStatement
    | aliasStatement
    | modelStatement
    | ruleStatement
    | dependencyStatement
    | tagStatement
    | levelStatement
    | poolStatement
    | checkStatement
    ;

archStatement : ARCH name ';' ;

compatStatement : COMPAT LIBVIRT string ';' ;

vendorStatement : VENDOR name string? number? ';' ;

// feature sse4.1 = cpuid(0x1).ecx[19] alias qemu:sse4-1;   feature sve;
featureStatement : FEATURE name ('=' location (',' location)*)? featureOption* ';' ;

location
    : CPUID '(' leaf=number (',' subleaf=number)? ')' '.' register=name bits   # cpuidLocation
    | MSR '(' index=number ')' '.' register=name bits                          # msrLocation
    ;

bits : '[' range (',' range)* ']' ;

range : from=number ('-' to=number)? ;

featureOption
    : NONMIGRATABLE                                  # nonmigratableOption
    | ALIAS aliasSpelling (','? aliasSpelling)*      # aliasOption
    ;

// alias sse4.1 = linux:sse4_1 linux:sse4-1;
aliasStatement : ALIAS name '=' aliasSpelling (','? aliasSpelling)* ';' ;

aliasSpelling
    : source=name ':' spelling=name    # sourcedSpelling
    | aliasName                        # plainSpelling
    ;

// model Haswell-v2 : Haswell-noTSX { decode host; }   model Haswell-v1 : Haswell;
modelStatement : MODEL name (':' ancestor=name)? (modelBody | ';') ;

modelBody : '{' modelItem* '}' ;

modelItem
    : VENDOR name ';'                                     # modelVendor
    | SIGNATURE signature (',' signature)* ';'            # modelSignature
    | DECODE name+ ';'                                    # modelDecode
    | CHECK name ';'                                      # modelCheck
    | FEATURES modelFeature (','? modelFeature)* ';'      # modelFeatures
    | REMOVED nameList ';'                                # modelRemoved
    | ADDED nameList ';'                                  # modelAdded
    | PVR value=number (MASK mask=number)? ';'            # modelPvr
    ;

signature : family=number ':' model=number ('[' range (',' range)* ']')? ;

modelFeature : sign=('+' | '-')? name ;

// rule broken-tsx when vendor Intel and family 6 and model in {60, 69, 70} drop hle, rtm;
ruleStatement : RULE name WHEN condition DROP nameList ';' ;

// Precedence: not > and > or. Parentheses group but add no node of their own.
condition : andCondition (OR andCondition)* ;

andCondition : notCondition (AND notCondition)* ;

notCondition
    : NOT notCondition      # negatedCondition
    | primaryCondition      # plainCondition
    ;

primaryCondition
    : '(' condition ')'                              # groupTest
    | VENDOR name                                    # vendorTest
    | field op=compareOperator? number               # compareTest
    | field IN '{' number (',' number)* '}'          # inTest
    | HAS name (',' name)*                           # hasTest
    | RUNS name                                      # runsTest
    | label=name op=('=' | '!=') value=string        # labelTest
    ;

field : FAMILY | MODEL | STEPPING ;

compareOperator : '=' | '!=' | '<' | '<=' | '>' | '>=' ;

// depend avx512vl, avx512bw -> avx512f;   ('require' was the old spelling: the builder says to write 'depend')
dependencyStatement : (DEPEND | REQUIRE) features=nameList '->' requires=nameList ';' ;

// tag security = spec-ctrl, ibpb, md-clear;
tagStatement : TAG name '=' nameList ';' ;

// level x86-64-v2 : x86-64-v1 = cx16, lahf_lm, popcnt, pni, sse4.1, sse4.2, ssse3;
levelStatement : LEVEL name (':' base=name)? '=' nameList ';' ;

// pool east { select cluster = "east" and vendor Intel; forbid hle, rtm; require avx2; minimum Skylake-Server; }
poolStatement : POOL name '{' poolItem* '}' ;

poolItem
    : SELECT condition ';'      # poolSelect
    | FORBID nameList ';'       # poolForbid
    | REQUIRE nameList ';'      # poolRequire
    | PREFER nameList ';'       # poolPrefer
    | ALLOW nameList ';'        # poolAllow
    | VENDOR name ';'           # poolVendor
    | MIGRATABLE ';'            # poolMigratable
    | MINIMUM name ';'          # poolMinimum
    ;

// check guests "web" run on east;   check east baseline at least Skylake-Server;   check no host of east has hle;
checkStatement
    : CHECK GUESTS dir=string? RUN ON pool=name ';'          # guestsCheck
    | CHECK pool=name BASELINE AT LEAST model=name ';'       # minimumCheck
    | CHECK pool=name BASELINE NOT DEPRECATED ';'            # deprecatedCheck
    | CHECK NO HOST OF pool=name HAS name (',' name)* ';'    # exposesCheck
    ;

nameList : name (','? name)* ;

// Names may be spelt like numbers or keywords (a model '486', a feature named 'check'), or quoted.
name : NAME | NUMBER | string | keyword ;

// In a feature's alias list a bare 'alias' or 'nonmigratable' starts the next option, so it is no spelling.
aliasName : NAME | NUMBER | string | keywordInAlias ;

string : STRING | UNTERMINATED_STRING ;

number : NUMBER | HEX ;

keyword : keywordInAlias | ALIAS | NONMIGRATABLE ;

keywordInAlias
    : ARCH | COMPAT | LIBVIRT | VENDOR | FEATURE | MODEL | SIGNATURE | DECODE | HOST | GUEST | NONE
    | CHECK | FEATURES | REMOVED | ADDED | PVR | MASK | RULE | WHEN | AND | OR | NOT | IN | FAMILY
    | STEPPING | DROP | HAS | REQUIRE | TAG | POOL | FORBID | PREFER | ALLOW | MIGRATABLE | CPUID | MSR
    | DEPEND | LEVEL | SELECT | MINIMUM | RUNS | GUESTS | RUN | ON | BASELINE | AT | LEAST | NO | OF | DEPRECATED
    ;

ARCH : 'arch' ;
COMPAT : 'compat' ;
LIBVIRT : 'libvirt' ;
VENDOR : 'vendor' ;
FEATURE : 'feature' ;
ALIAS : 'alias' ;
NONMIGRATABLE : 'nonmigratable' ;
MODEL : 'model' ;
SIGNATURE : 'signature' ;
DECODE : 'decode' ;
HOST : 'host' ;
GUEST : 'guest' ;
NONE : 'none' ;
CHECK : 'check' ;
FEATURES : 'features' ;
REMOVED : 'removed' ;
ADDED : 'added' ;
PVR : 'pvr' ;
MASK : 'mask' ;
RULE : 'rule' ;
WHEN : 'when' ;
AND : 'and' ;
OR : 'or' ;
NOT : 'not' ;
IN : 'in' ;
FAMILY : 'family' ;
STEPPING : 'stepping' ;
DROP : 'drop' ;
HAS : 'has' ;
REQUIRE : 'require' ;
TAG : 'tag' ;
POOL : 'pool' ;
FORBID : 'forbid' ;
PREFER : 'prefer' ;
ALLOW : 'allow' ;
MIGRATABLE : 'migratable' ;
CPUID : 'cpuid' ;
MSR : 'msr' ;
DEPEND : 'depend' ;
LEVEL : 'level' ;
SELECT : 'select' ;
MINIMUM : 'minimum' ;
RUNS : 'runs' ;
GUESTS : 'guests' ;
RUN : 'run' ;
ON : 'on' ;
BASELINE : 'baseline' ;
AT : 'at' ;
LEAST : 'least' ;
NO : 'no' ;
OF : 'of' ;
DEPRECATED : 'deprecated' ;

SEMI : ';' ;
LBRACE : '{' ;
RBRACE : '}' ;
LPAREN : '(' ;
RPAREN : ')' ;
LBRACK : '[' ;
RBRACK : ']' ;
COMMA : ',' ;
COLON : ':' ;
ARROW : '->' ;
NEQ : '!=' ;
LE : '<=' ;
GE : '>=' ;
EQ : '=' ;
LT : '<' ;
GT : '>' ;
PLUS : '+' ;
MINUS : '-' ;
DOT : '.' ;

// Numbers come before NAME: at equal length the first rule wins, so '486' is a NUMBER and '0x1a' a HEX,
// while '486-v1' and '0x1g' are longer as a NAME.
HEX : '0' [xX] [0-9a-fA-F]+ ;
NUMBER : [0-9]+ ;

// An optional digit-led run ('486-', '3'), a letter or underscore, then name characters; never ending in
// '.' or '-', so 'a->b' is NAME '->' NAME and 'sse4.1;' ends before the ';'.
NAME : ([0-9] [0-9.+\-]*)? [A-Za-z_] ([A-Za-z0-9_.+\-]* [A-Za-z0-9_+])? ;

// Escapes are checked by the builder (only \" and \\ mean something), so a bad escape gets its own message.
STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* '"' ;
UNTERMINATED_STRING : '"' (~["\\\r\n] | '\\' ~[\r\n])* '\\'? ;

COMMENT : '#' ~[\r\n]* -> skip ;
WS : [ \t\r\n\f]+ -> skip ;
