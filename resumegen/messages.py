"""Every message about a problem in a record, in English and Japanese, and the rule that picks one.

The audit's findings (``resumegen check``) are here too, under ``audit.*``.

:data:`MESSAGES` is the one catalogue: a message id (``key.missing``) maps
to its sentence in each language of :data:`LANGS`, with the same
``{placeholders}`` in each (a test holds them to it). Library code says a
problem as a :class:`Message` (an id and its slot values); the language is
chosen once per file by :func:`message_lang` and the sentence is made by
:func:`say`. ``str(message)`` is the English sentence, for callers that
have no language to hand.

The catalogue is a Python table rather than a YAML file because the YAML
reader itself speaks through it: reading it with that reader would make the
reader depend on its own messages (and an import cycle), and a table costs
no file read on every ``validate``.

Which language (:func:`message_lang`, the one rule): ``RESUMEGEN_LANG``
(``ja`` or ``en``) when it is set, as an explicit choice (a Japanese
physician writing an English record may want Japanese messages); else the
file's declared ``lang`` (``ja`` or ``en``) when it could be read that far;
else Japanese when the file holds kana or kanji; else ``ja`` when the locale
(``LC_ALL``, ``LC_MESSAGES`` or ``LANG``, the first that is set) starts with
``ja``; else English.
"""

from __future__ import annotations

import os
import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from resumegen.errors import Diagnostic, Severity

__all__ = [
    "ENV_VAR",
    "LANGS",
    "MESSAGES",
    "Message",
    "diagnostic",
    "env_lang",
    "is_japanese",
    "message_lang",
    "noun",
    "placeholders",
    "say",
]

LANGS = ("en", "ja")
ENV_VAR = "RESUMEGEN_LANG"

_JAPANESE = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9d]")
_LIST_SEPARATOR = {"en": ", ", "ja": "、"}

#: id → {language: sentence}. Sentences are one line; `{name}` is a slot.
MESSAGES: Mapping[str, Mapping[str, str]] = {
    # ------------------------------------------------------------ files
    "file.not_found": {"en": "file not found", "ja": "ファイルがありません"},
    "file.cannot_read": {"en": "cannot read: {reason}", "ja": "読めません: {reason}"},
    "file.is_folder": {
        "en": "is a folder, not a {noun} file",
        "ja": "フォルダです。{noun}のファイルを指定してください",
    },
    "file.not_regular": {
        "en": "is not a regular file (a pipe or a device), not a {noun}",
        "ja": "通常のファイルではありません（パイプやデバイス）。{noun}のファイルを指定してください",
    },
    "file.too_big": {
        "en": "the file is {size:,} bytes; a {noun} may be at most {limit:,}",
        "ja": "ファイルが {size:,} バイトあります。{noun}は {limit:,} バイトまでです",
    },
    "file.larger": {
        "en": "the file is larger than {limit:,} bytes",
        "ja": "ファイルが {limit:,} バイトを超えています",
    },
    "file.text_too_long": {
        "en": "the text is longer than {limit:,} characters",
        "ja": "テキストが {limit:,} 文字を超えています",
    },
    "file.empty": {
        "en": "the file is empty; `resumegen init` writes a starter record",
        "ja": "ファイルが空です。`resumegen init` でひな形の記録を作れます",
    },
    "file.two_documents": {
        "en": "a {noun} file holds one YAML document; remove the second `---`",
        "ja": "{noun}のファイルに書ける YAML 文書は1つです。2つ目の `---` を削除してください",
    },
    "noun.record": {"en": "record", "ja": "記録"},
    "noun.phrasebook": {"en": "phrasebook", "ja": "フレーズ集"},
    "noun.question_bank": {"en": "question bank", "ja": "質問集"},
    "noun.metric_catalogue": {"en": "metric catalogue", "ja": "指標カタログ"},
    # ------------------------------------------------------------ encodings and characters
    "decode.bad_bom": {
        "en": "the file starts with a {codec} BOM but is not valid {codec}",
        "ja": "ファイルは {codec} の BOM で始まっていますが、{codec} として読めません",
    },
    "decode.utf16": {
        "en": "the file looks like UTF-16 without a byte-order mark; save it as UTF-8 and try again",
        "ja": "BOM のない UTF-16 のファイルのようです。UTF-8 で保存し直してください",
    },
    "decode.binary": {
        "en": "this is a binary file (it contains NUL bytes), not a YAML {noun}",
        "ja": "バイナリファイルです（NUL バイトを含みます）。YAML の{noun}ではありません",
    },
    "decode.not_utf8": {
        "en": "the file is not UTF-8; save it as UTF-8 and try again",
        "ja": "UTF-8 のファイルではありません。UTF-8 で保存し直してください",
    },
    "decode.shift_jis": {
        "en": "the file is not UTF-8 (it looks like Shift_JIS/CP932); save it as UTF-8 and try again",
        "ja": "UTF-8 ではなく Shift_JIS/CP932 のファイルのようです。UTF-8 で保存し直してください",
    },
    "char.vertical_tab": {"en": "vertical tab", "ja": "垂直タブ"},
    "char.form_feed": {"en": "form feed", "ja": "改ページ"},
    "char.break": {
        "en": "{what} (U+{code}) turned into a line break",
        "ja": "{what}（U+{code}）を改行に置き換えました",
    },
    "char.break_escaped": {
        "en": "vertical tab or form feed turned into a line break",
        "ja": "垂直タブまたは改ページを改行に置き換えました",
    },
    "char.break_unreadable": {
        "en": "{what} (U+{code}) cannot be read in a file that uses every private-use character; delete it",
        "ja": "私用領域の文字をすべて使っているファイルでは{what}（U+{code}）を読めません。削除してください",
    },
    "char.control": {
        "en": "control character U+{code} is not allowed (Word documents cannot hold it); delete it",
        "ja": "制御文字 U+{code} は使えません（Word 文書に入れられません）。削除してください",
    },
    "char.control_escaped": {
        "en": "control character {codes} is not allowed; delete it",
        "ja": "制御文字 {codes} は使えません。削除してください",
    },
    # ------------------------------------------------------------ YAML
    "yaml.anchor": {
        "en": "anchors (&name) and aliases (*name) are not allowed; write the value out",
        "ja": "アンカー（&name）とエイリアス（*name）は使えません。値をそのまま書いてください",
    },
    "yaml.tag": {
        "en": "YAML tags such as `{tag}` are not allowed; quote the value instead",
        "ja": "`{tag}` のような YAML タグは使えません。値を引用符で囲んでください",
    },
    "yaml.too_deep": {
        "en": "nesting deeper than {limit} levels is not allowed",
        "ja": "入れ子は {limit} 段までです",
    },
    "yaml.end_in_list": {
        "en": "unexpected end of the file inside a list",
        "ja": "リストの途中でファイルが終わっています",
    },
    "yaml.end_in_map": {
        "en": "unexpected end of the file inside a map",
        "ja": "マップの途中でファイルが終わっています",
    },
    "yaml.unexpected": {
        "en": "unexpected YAML element ({kind})",
        "ja": "ここに書けない YAML の要素です（{kind}）",
    },
    "yaml.key_not_text": {
        "en": "a key must be plain text, not a list or a map",
        "ja": "キーは文字列で書いてください（リストやマップは使えません）",
    },
    "yaml.merge_key": {
        "en": "merge keys (<<) are not allowed; write the keys out",
        "ja": "マージキー（<<）は使えません。キーをそのまま書いてください",
    },
    "yaml.duplicate_key": {
        "en": "duplicate key `{key}` (first written at line {line})",
        "ja": "キー `{key}` が重複しています（最初は {line} 行目）",
    },
    # ------------------------------------------------------------ syntax slips
    "slip.ideographic_indent": {
        "en": "a full-width space (U+3000) is used for indentation; indent with ASCII spaces",
        "ja": "全角スペース（U+3000）で字下げしています。半角スペースで字下げしてください",
    },
    "slip.full_width_colon": {
        "en": '「：」 is a full-width colon; write ": " (ASCII colon and a space) after a key',
        "ja": "「：」は全角のコロンです。キーの後ろは半角の「: 」（コロンとスペース）にしてください",
    },
    "slip.tight_colon": {
        "en": 'a key needs a space after its colon: "{key}: {value}"',
        "ja": 'キーのコロンの後ろには半角スペースが必要です: "{key}: {value}"',
    },
    "syntax.unquoted_start": {
        "en": "`{char}` cannot start an unquoted value; write it in quotes: `{fix}`",
        "ja": "`{char}` で始まる値は引用符で囲んでください: `{fix}`",
    },
    "syntax.unclosed_quote": {
        "en": "this `{quote}` opens a quoted value that is never closed; add the closing `{quote}`",
        "ja": "この `{quote}` で始まる引用が閉じていません。閉じる `{quote}` を書き足してください",
    },
    "syntax.unclosed_bracket": {
        "en": "this `{bracket}` is never closed; add `{closer}` at the end of its value",
        "ja": "この `{bracket}` が閉じていません。値の終わりに `{closer}` を書き足してください",
    },
    "syntax.tab_indent": {
        "en": "a tab character cannot indent YAML; use spaces",
        "ja": "タブ文字では字下げできません。半角スペースを使ってください",
    },
    "syntax.tab_separator": {
        "en": "a tab character cannot separate YAML here; use a space",
        "ja": "ここはタブ文字で区切れません。半角スペースを使ってください",
    },
    "syntax.after_quote": {
        "en": "text after a closing quote; quote the whole value or leave the quotes out",
        "ja": "閉じた引用符の後ろに文字があります。値全体を引用符で囲むか、引用符を外してください",
    },
    "syntax.after_bracket": {
        "en": "text after a closing `{bracket}`; a value starting with `[` or `{{` "
        "is a list or a map, so quote it if it is text",
        "ja": "閉じた `{bracket}` の後ろに文字があります。`[` や `{{` で始まる値はリストかマップになるので、"
        "文字列なら引用符で囲んでください",
    },
    "syntax.bad_indent": {
        "en": "bad indentation: this line does not line up with the lines above",
        "ja": "字下げが上の行とそろっていません",
    },
    "syntax.colon": {
        "en": "unexpected `:` here; check the indentation, or quote a value that contains `: `",
        "ja": "ここに `:` は書けません。字下げを確かめるか、`: ` を含む値を引用符で囲んでください",
    },
    "syntax.parser": {"en": "{problem}", "ja": "YAML の構文エラーです: {problem}"},
    "syntax.parser_context": {
        "en": "{problem} ({context} at line {line})",
        "ja": "YAML の構文エラーです: {problem}（{line} 行目の {context}）",
    },
    "syntax.other": {"en": "YAML syntax error: {error}", "ja": "YAML の構文エラーです: {error}"},
    # ------------------------------------------------------------ keys and values
    "what.map": {"en": "a map", "ja": "マップ"},
    "what.list": {"en": "a list", "ja": "リスト"},
    "what.value": {"en": "`{text}`", "ja": "`{text}`"},
    "what.other": {"en": "something else", "ja": "その他の値"},
    "expect.text": {"en": "text", "ja": "文字列"},
    "expect.number": {"en": "a number", "ja": "数値"},
    "expect.bool": {"en": "true or false", "ja": "true か false"},
    "expect.date": {"en": "a date", "ja": "日付"},
    "expect.end_date": {"en": "a date or present", "ja": "日付か present"},
    "expect.choice": {"en": "one word", "ja": "1つの語"},
    "expect.list": {"en": "a list", "ja": "リスト"},
    "expect.text_map": {"en": "a map of text", "ja": "文字列のマップ"},
    "value.expected": {
        "en": "expected {expected}, found {found}",
        "ja": "{expected}を書いてください（書かれているのは {found}）",
    },
    "value.empty": {"en": "must not be empty", "ja": "空にはできません"},
    "value.too_long": {
        "en": "{count:,} characters is too long; write at most {limit:,}",
        "ja": "{count:,} 文字は長すぎます。{limit:,} 文字までにしてください",
    },
    "value.choice": {
        "en": "`{text}` is not a valid {name}; use {choices}{hint}",
        "ja": "`{text}` は {name} に使えません。{choices} のどれかを書いてください{hint}",
    },
    "value.choice_two": {
        "en": "`{text}` is not a valid {name}; use {first} or {second}{hint}",
        "ja": "`{text}` は {name} に使えません。{first} か {second} を書いてください{hint}",
    },
    "value.empty_item": {"en": "empty list item", "ja": "リストの項目が空です"},
    "record.not_map": {
        "en": "a record is a map of keys (schema:, lang:, person: …), found {found}",
        "ja": "記録はキーのマップです（schema:、lang:、person: …）。書かれているのは {found}",
    },
    "record.expected_map": {
        "en": "expected a map of keys, found {found}",
        "ja": "キーのマップを書いてください（書かれているのは {found}）",
    },
    "key.missing": {"en": "missing required key `{key}`", "ja": "必須のキー `{key}` がありません"},
    "key.unknown": {"en": "unknown key `{key}`{hint}", "ja": "不明なキー `{key}`{hint}"},
    "key.unknown_slip": {"en": "unknown key `{key}`; {slip}", "ja": "不明なキー `{key}`: {slip}"},
    "key.misspelt_required": {
        "en": "unknown key `{key}`; did you mean `{meant}`? (`{meant}` is required)",
        "ja": "不明なキー `{key}`: `{meant}` のことですか？（`{meant}` は必須です）",
    },
    "hint.did_you_mean": {"en": "; did you mean `{word}`?", "ja": "（`{word}` のことですか？）"},
    "schema.not_whole": {
        "en": "schema must be a whole number (1), found `{text}`",
        "ja": "schema は整数（1）で書いてください（書かれているのは `{text}`）",
    },
    "schema.unsupported": {
        "en": "schema {found} is not supported; this version reads schema {version}",
        "ja": "schema {found} には対応していません。このバージョンが読めるのは schema {version} です",
    },
    "bool.bad": {
        "en": "expected true or false, found `{text}`",
        "ja": "true か false を書いてください（書かれているのは `{text}`）",
    },
    "number.separators": {
        "en": "write numbers without separators: `{plain}`",
        "ja": "数値は区切りを入れずに書いてください: `{plain}`",
    },
    "number.percent": {
        "en": "write the number alone and put `%` in `unit`",
        "ja": "数値だけを書き、`%` は `unit` に書いてください",
    },
    "number.bad": {
        "en": "expected a number, found `{text}`",
        "ja": "数値を書いてください（書かれているのは `{text}`）",
    },
    "number.too_large": {
        "en": "`{value}` is too large; a number must be below 10^15",
        "ja": "`{value}` は大きすぎます。数値は 10^15 未満にしてください",
    },
    "number.digits": {
        "en": "`{value}` has {digits} digits; write at most {limit}",
        "ja": "`{value}` は {digits} 桁あります。{limit} 桁までにしてください",
    },
    "number.places": {
        "en": "`{value}` has {places} digits after the point; write at most {limit}",
        "ja": "`{value}` は小数点以下が {places} 桁あります。{limit} 桁までにしてください",
    },
    "metric.both": {
        "en": "a metric has either `value` (a level) or `before` and `after` (a change), not both",
        "ja": "指標には `value`（水準）か `before` と `after`（変化）のどちらか一方を書いてください",
    },
    "metric.before_alone": {
        "en": "`before` needs `after` too",
        "ja": "`before` には `after` も必要です",
    },
    "metric.after_alone": {
        "en": "`after` needs `before` too",
        "ja": "`after` には `before` も必要です",
    },
    "metric.no_value": {
        "en": "a metric needs `value`, or `before` and `after`",
        "ja": "指標には `value`、または `before` と `after` が必要です",
    },
    "metric.no_better": {
        "en": "`better: higher` or `better: lower` is required for a change",
        "ja": "変化には `better: higher` か `better: lower` が必要です",
    },
    "metric.scale": {
        "en": "scale must be greater than 0",
        "ja": "scale は 0 より大きい数にしてください",
    },
    "target.duplicate": {
        "en": "duplicate target id `{id}` (first at line {line})",
        "ja": "target の id `{id}` が重複しています（最初は {line} 行目）",
    },
    # ------------------------------------------------------------ dates and 和暦
    "date.end_before_start": {
        "en": "end {end} is before start {start}",
        "ja": "終了 {end} が開始 {start} より前です",
    },
    "date.or_present": {
        "en": "{problem} (or present / 現在)",
        "ja": "{problem}（在職中なら present / 現在）",
    },
    "date.no_month": {
        "en": "`{text}`: there is no month {month}",
        "ja": "`{text}`: {month}月はありません",
    },
    "date.no_day": {
        "en": "`{text}`: {year}-{month:02d} has no day {day}",
        "ja": "`{text}`: {year}年{month}月に{day}日はありません",
    },
    "date.year_range": {
        "en": "`{text}`: year {year} is out of range",
        "ja": "`{text}`: {year}年は範囲外です",
    },
    "date.no_era_year": {
        "en": "`{text}`: {era} has no year {year}",
        "ja": "`{text}`: {era}{year}年はありません",
    },
    "date.outside_era": {
        "en": "`{text}` is {outside}; write {instead}",
        "ja": "`{text}` は{outside}。{instead} と書いてください",
    },
    "date.era_year_outside": {
        "en": "`{text}` is {outside}; write {year} with a month, e.g. {example}",
        "ja": "`{text}` は{outside}。{year} と月を書いてください（例: {example}）",
    },
    "era.ended": {
        "en": "not in the {era} era, which ended on {iso} ({shown})",
        "ja": "{era}の期間外です（{era}は {iso}（{shown}）まで）",
    },
    "era.began": {
        "en": "not in the {era} era, which began on {iso} ({shown})",
        "ja": "{era}の期間外です（{era}は {iso}（{shown}）から）",
    },
    "date.needs_month": {
        "en": "`{text}`: a date needs a month, e.g. {example}",
        "ja": "`{text}`: 日付には月も書いてください（例: {example}）",
    },
    "date.not_date": {
        "en": "`{text}` is not a date; write YYYY-MM or YYYY-MM-DD (2019-04), 2019年4月 or 令和元年5月",
        "ja": "`{text}` は日付として読めません。2019-04、2019-04-01、2019年4月、令和元年5月 のように書いてください",
    },
    "date.not_text": {
        "en": "expected a date as text, got {type}",
        "ja": "日付は文字列で書いてください（{type} です）",
    },
    "date.wrong_type": {
        "en": "expected a date, got {type}",
        "ja": "日付を書いてください（{type} です）",
    },
    "date.empty": {"en": "empty date", "ja": "日付が空です"},
    "date.before_meiji": {
        "en": "{date} is before the 明治 era; write it in 西暦",
        "ja": "{date} は明治より前です。西暦で書いてください",
    },
    "era.before_meiji": {
        "en": "{date} is before the 明治 era; 和暦 cannot print it",
        "ja": "{date} は明治より前なので、和暦では書けません",
    },
    "era.spans": {
        "en": "{date} spans {first} and {last}; it prints as {shown}. Add the day to be exact",
        "ja": "{date} は{first}と{last}にまたがるので {shown} と書かれます。正確にするには日も書いてください",
    },
    # ------------------------------------------------------------ photo
    "photo.problem": {"en": "the photo `{path}` {problem}", "ja": "写真 `{path}`: {problem}"},
    "photo.missing": {"en": "does not exist", "ja": "ファイルがありません"},
    "photo.unreadable": {"en": "cannot be read ({reason})", "ja": "読めません（{reason}）"},
    "photo.outside": {
        "en": "is outside the record's folder ({folder})",
        "ja": "記録のフォルダ（{folder}）の外にあります",
    },
    "photo.not_regular": {"en": "is not a regular file", "ja": "通常のファイルではありません"},
    "photo.too_big": {"en": "is larger than {mb} MB", "ja": "{mb} MB を超えています"},
    "photo.changed": {"en": "changed while it was read", "ja": "読み込み中に変更されました"},
    "photo.gif": {
        "en": "is a GIF; use a PNG or JPEG file",
        "ja": "GIF です。PNG か JPEG のファイルにしてください",
    },
    "photo.not_image": {
        "en": "is not a PNG or JPEG file",
        "ja": "PNG でも JPEG でもありません",
    },
    "photo.no_size": {
        "en": "is not a valid {kind} file (no picture size in its header)",
        "ja": "正しい {kind} ファイルではありません（ヘッダーに画像の大きさがありません）",
    },
    "photo.too_large": {
        "en": "is {width}×{height} pixels; at most {limit} a side",
        "ja": "{width}×{height} ピクセルあります。一辺 {limit} ピクセルまでです",
    },
    # ------------------------------------------------------------ rephrase
    "rephrase.no_match": {
        "en": "No phrasebook entry matched this leaving reason.",
        "ja": "この退職理由に合うフレーズ集の項目がありません。",
    },
    "rephrase.add_entry": {
        "en": "Add your own entry in a YAML file and pass it with --phrasebook FILE "
        "(an entry with the id of a bundled one replaces it):",
        "ja": "自分の項目を YAML ファイルに書き、--phrasebook FILE で渡してください"
        "（同梱の項目と同じ id の項目は、それを置き換えます）:",
    },
    "rephrase.no_trigger_words": {
        "en": "Write the positive phrasing without the negative words themselves; "
        "a phrasing that repeats a trigger word is rejected.",
        "ja": "前向きな言い換えには否定的な語そのものを書かないでください。"
        "trigger の語を繰り返す言い換えは受け付けません。",
    },
    "rephrase.long": {"en": "Interview answer: {text}", "ja": "面接での回答例: {text}"},
    "rephrase.profile": {
        "en": "profile: {profile} ({how})",
        "ja": "プロファイル: {profile}（{how}）",
    },
    "rephrase.profile_given": {"en": "given", "ja": "指定"},
    "rephrase.profile_record": {"en": "the record's profile", "ja": "記録の profile"},
    "rephrase.profile_text": {"en": "inferred from the words", "ja": "文中の語から推定"},
    "rephrase.profile_tried": {
        "en": "every phrasebook tried",
        "ja": "すべてのフレーズ集を試して選択",
    },
    "rephrase.lead": {"en": "led by: {id} ({by})", "ja": "軸にした理由: {id}（{by}）"},
    "rephrase.step": {
        "en": "next step you named: “{quoted}”",
        "ja": "本人が挙げた次の行き先: 「{quoted}」",
    },
    "rephrase.match": {
        "en": "matched {id} ({category}) on “{trigger}”",
        "ja": "一致: {id}（{category}）「{trigger}」",
    },
    "rephrase.unmatched": {
        "en": "not matched by any entry: “{clause}”",
        "ja": "一致しなかった部分: 「{clause}」",
    },
    "rephrase.conflict": {"en": "Conflict: {text}", "ja": "注意: {text}"},
    "rephrase.generic": {
        "en": "This is a generic answer; add an entry for your reason with --phrasebook for a sharper one",
        "ja": "この答えは一般的な言い方です。理由に合う専用のエントリを --phrasebook で足すと、より的確な答えになります",
    },
    "rephrase.follow_up": {"en": "Be ready to say: {text}", "ja": "次に聞かれたら: {text}"},
    # ------------------------------------------------------------ English companion (en)
    "companion.not_ja": {
        "en": "`en` gives a `lang: ja` record its English text; an English record writes it in the keys themselves",
        "ja": "`en` は `lang: ja` の記録に英語の表記を添えるものです。英語の記録ではキーそのものに英語で書いてください",
    },
    "companion.extra_items": {
        "en": "{count} English items but `{key}` has {ja_count}; the English list translates it item by item",
        "ja": "英語が{count}項目ありますが `{key}` は{ja_count}項目です。英語のリストは日本語を1項目ずつ訳したものにしてください",
    },
    "companion.none": {
        "en": "the English résumé of a `lang: ja` record reads English text from `en` maps beside the Japanese keys (see the README); this record has none yet",
        "ja": "`lang: ja` の記録から英文レジュメを作るには、日本語のキーの横の `en` に英語を書きます（README 参照）。この記録にはまだありません",
    },
    "companion.missing": {
        "en": "the English résumé needs this in English (the Japanese reads 「{text}」)",
        "ja": "英文レジュメにはここの英語表記が必要です（日本語: 「{text}」）",
    },
    "companion.more": {
        "en": "and {count} more English fields are missing from here on",
        "ja": "ここから先で、さらに{count}か所の英語表記が不足しています",
    },
    "companion.fix": {
        "en": "write it under `en` here; the English résumé is made once the companion is complete",
        "ja": "ここの `en` に英語で書いてください。そろうと英文レジュメが作られます",
    },
    # ------------------------------------------------------------ check's findings
    # (said through resumegen.enrich.audit_messages: the key without `audit.`)
    "audit.unquantified": {
        "en": "“{summary}” has no figures",
        "ja": "「{summary}」に数値がありません",
    },
    "audit.unquantified_fix": {
        "en": "add metrics such as: {metrics}",
        "ja": "次のような指標を加えてください: {metrics}",
    },
    "audit.vague": {
        "en": "vague wording without a figure: {words}",
        "ja": "数字の裏付けがない表現: {words}",
    },
    "audit.vague_fix": {
        "en": "state how much with a count, a % or a period, or keep to the plain fact",
        "ja": "件数・%・期間などの数字で示すか、強調の言葉を外して事実だけを書いてください",
    },
    "audit.negative": {
        "en": "reads negative: {words}",
        "ja": "否定的に読める表現: {words}",
    },
    "audit.negative_fix": {
        "en": "run `resumegen rephrase --record <record file>` for an answer with the record's profile and targets",
        "ja": "`resumegen rephrase --record <記録ファイル>` で、記録のプロファイルと応募先に合わせた答えを確認してください",
    },
    "audit.gap": {
        "en": "{months}-month gap after the previous position",
        "ja": "前の職歴との間に{months}か月の空白があります",
    },
    "audit.gap_fix": {
        "en": "interviewers ask about gaps: be ready to say what you did in that time",
        "ja": "面接で聞かれやすいので、この期間の過ごし方を説明できるようにしておいてください",
    },
    "audit.years_stated": {
        "en": "says “{said}”, but the record's dates give {years} years",
        "ja": "「{said}」とありますが、記録の日付では{years}年です",
    },
    "audit.years_stated_fix": {
        "en": "the other documents and the interview answers use the dates: update the text or the dates so that the figures agree",
        "ja": "ほかの書類や面接の回答は日付から年数を出します。文面か日付を直して、年数をそろえてください",
    },
    "audit.overlap": {
        "en": "overlaps the full-time position at {other} by {months} months",
        "ja": "常勤の職歴「{other}」と{months}か月重なっています",
    },
    "audit.overlap_fix": {
        "en": "check the dates, or the employment type of one of them",
        "ja": "日付か、どちらかの雇用形態（非常勤など）を確認してください",
    },
    "audit.future": {
        "en": "date {date} is after the date of the record ({today})",
        "ja": "日付 {date} が書類の日付 {today} より後です",
    },
    "audit.future_fix": {
        "en": "check the date, or as_of",
        "ja": "日付または as_of を確認してください",
    },
    "audit.before_birth": {
        "en": "date {date} is before the birth date ({birth})",
        "ja": "日付 {date} が生年月日 {birth} より前です",
    },
    "audit.birth_fix": {
        "en": "check this date or person.birth_date",
        "ja": "この日付か person.birth_date を確認してください",
    },
    "audit.too_young": {
        "en": "this position would have started at age {age}",
        "ja": "この職歴は{age}歳で始まったことになります",
    },
    "audit.birth_future": {
        "en": "birth date {date} is after the date of the record ({today})",
        "ja": "生年月日 {date} が書類の日付 {today} より後です",
    },
    "audit.birth_future_fix": {
        "en": "check person.birth_date, or as_of",
        "ja": "person.birth_date か as_of を確認してください",
    },
    "audit.young_school": {
        "en": "{school} ({event}) falls at age {age}",
        "ja": "「{school}」の{event}が{age}歳のときになっています",
    },
    "audit.young_licence": {
        "en": "{name} would have been obtained at age {age}",
        "ja": "「{name}」の取得が{age}歳のときになっています",
    },
    "audit.stale_current": {
        "en": "{org} is marked as current (present), but {later} started later and has ended",
        "ja": "「{org}」が現在の職歴（present）ですが、その後に始まって終わった職歴「{later}」があります",
    },
    "audit.stale_current_fix": {
        "en": "give this position its end date",
        "ja": "退職した年月を end に書いてください",
    },
    "audit.no_summary": {
        "en": "no professional summary",
        "ja": "職務要約（summary）がありません。職務経歴書はこの欄なしで始まります",
    },
    "audit.no_summary_fix": {
        "en": "add two to four lines: your field, years of experience and strengths",
        "ja": "経験の分野・年数・強みを200〜300字程度でまとめてください",
    },
    "audit.no_contact": {
        "en": "no phone number or email address",
        "ja": "連絡先（電話・メール）がありません",
    },
    "audit.no_contact_fix": {
        "en": "add a phone number or a personal email address under person",
        "ja": "日中に連絡のつく電話番号か、個人のメールアドレスを person に書いてください",
    },
    "audit.no_self_pr": {
        "en": "no self_pr",
        "ja": "自己PR（self_pr）がありません。職務経歴書にこの欄が出ません",
    },
    "audit.no_self_pr_fix": {
        "en": "add a short statement backed by the achievements above",
        "ja": "職務経歴に書いた実績を根拠に、です・ます調で書いてください",
    },
    "audit.star_missing": {
        "en": "STAR parts missing for the interview sheet: {parts}",
        "ja": "面接シート用のSTARに欠けている項目: {parts}",
    },
    "audit.star_fix": {
        "en": "fill in {keys} under star to prepare the interview answer",
        "ja": "star の下に {keys}を書くと、面接で話す流れが整います",
    },
    "audit.no_verb": {
        "en": "“{text}” does not start with a verb; the résumé shows it as typed",
        "ja": "「{text}」が動詞で始まっていません。英文レジュメにはこのまま載ります",
    },
    "audit.no_verb_fix": {
        "en": "open with what you did (Led, Trained, Reduced …), keeping your own claim",
        "ja": "したこと（Led, Trained, Reduced など）から書き始めてください。主張は変えずに",
    },
    "audit.no_skills": {
        "en": "no skills: the 職務経歴書 has no skills section",
        "ja": "活かせる経験・知識・スキル（skills）がありません。職務経歴書にこの欄が出ません",
    },
    "audit.no_skills_fix": {
        "en": "list three to five skills under skills",
        "ja": "職務経歴で身につけた技能を3〜5行で skills に書いてください",
    },
    "audit.no_duties": {
        "en": "“{org}” has no duties and no achievements: the documents show only its dates and name",
        "ja": "「{org}」に職務内容（duties）も実績（achievements）もありません。職務経歴書ではこの職歴が期間と勤務先だけになります",
    },
    "audit.no_duties_fix": {
        "en": "add what you did under duties and results under achievements",
        "ja": "担当した業務を duties に、成果を achievements に書いてください",
    },
    "audit.no_licenses": {
        "en": "no licenses: the documents have no licences section",
        "ja": "免許・資格（licenses）がありません。履歴書には「特になし」と出て、職務経歴書にはこの欄が出ません",
    },
    "audit.no_licenses_fix": {
        "en": "add each licence with the month it was obtained under licenses",
        "ja": "免許・資格を取得年月とともに licenses に書いてください",
    },
    "audit.wish_left_off": {
        "en": "“{name}: {value}” is not printed on the 履歴書 (the interview sheet's conditions table has it)",
        "ja": "「{name}: {value}」は履歴書の本人希望記入欄に載せません（面接シートの条件表には載ります）",
    },
    "audit.wish_left_off_fix": {
        "en": "raise pay and duty terms after an offer",
        "ja": "給与・当直・勤務日数などの条件は、内定後の条件面談で伝えてください",
    },
    "audit.plain_form": {
        "en": "{what} is in plain form; the documents print it as typed",
        "ja": "{what}が常体（「…たい。」など）で書かれています。書類にはそのまま載ります",
    },
    "audit.plain_form_fix": {
        "en": "write it in です・ます form",
        "ja": "です・ます調（「…たいと考えています。」など）に書き直してください",
    },
    "audit.rirekisho_summarised": {
        "en": "the 履歴書 cannot hold every position: {count} ({names}) are summarised in one line",
        "ja": "履歴書の職歴欄に収まらないため、{count}件の職歴（{names}）を1行にまとめます",
    },
    "audit.rirekisho_summarised_fix": {
        "en": "the 履歴書 prints “{line}”; the 職務経歴書 lists them all",
        "ja": "履歴書には「{line}」と出ます。職務経歴書にはすべて載ります",
    },
    "audit.rirekisho_no_self_pr": {
        "en": "the 履歴書 motivation box has no room for the self_pr after the motivation",
        "ja": "履歴書の志望動機の欄に自己PRを続ける余白がないため、志望動機だけを載せます",
    },
    "audit.rirekisho_no_self_pr_fix": {
        "en": "the 職務経歴書 prints the self_pr; shorten the motivation to have both",
        "ja": "自己PRは職務経歴書に載ります。履歴書にも載せたいときは志望動機を短くしてください",
    },
    "audit.reason_conflict": {
        "en": 'target {target}: {message} (leaving reason: "{quoted}")',
        "ja": "応募先 {target}: {message}（退職理由の「{quoted}」）",
    },
    "audit.reason_conflict_fix": {
        "en": "reword the leaving reason, or prepare how you will take on the target's conditions",
        "ja": "退職理由の書き方を見直すか、応募先の条件をどう受け止めるかを面接準備シートに書いておいてください",
    },
    "audit.era_wareki": {
        "en": "和暦",
        "ja": "和暦",
    },
    "audit.era_seireki": {
        "en": "西暦",
        "ja": "西暦",
    },
    "audit.mixed_era": {
        "en": "“{found}” is typed, but the documents write their own dates in {style} (the styles are mixed)",
        "ja": "「{found}」と書かれていますが、書類が作る日付は{style}です（日付の書き方が混ざります）",
    },
    "audit.mixed_era_fix": {
        "en": "write the years of this field in {style} too (options.era sets the documents' style)",
        "ja": "この欄の年も{style}で書いてください（options.era で書類の日付の書き方を変えられます）",
    },
    "audit.half_colon": {
        "en": "a half-width colon after Japanese text (“{quoted}”); the documents' own labels use 「：」",
        "ja": "半角の「:」があります（「{quoted}」）。書類が作る見出しは全角の「：」です",
    },
    "audit.half_colon_fix": {
        "en": "use the full-width 「：」",
        "ja": "全角の「：」に揃えてください",
    },
    "audit.shokumu_pages": {
        "en": "the 職務経歴書{which} runs to about {pages} pages (two at most is the norm)",
        "ja": "職務経歴書{which}は約{pages}ページになります（目安は2ページ以内）",
    },
    "audit.shokumu_pages_fix": {
        "en": "keep the duties and achievements that matter to the employer",
        "ja": "業務内容と実績を、応募先に関係の深いものに絞ってください",
    },
    "audit.shokumu_pr_left_out": {
        "en": "the 職務経歴書 for {target} leaves out the self_pr point “{quoted}” (it repeats the motivation of {other})",
        "ja": "応募先 {target} の職務経歴書には、自己PRの「{quoted}」を載せません（応募先 {other} の志望動機と同じ話のため）",
    },
    "audit.shokumu_pr_left_out_fix": {
        "en": "add a paragraph for {target} to self_pr (paragraphs are ordered by the target's emphasis)",
        "ja": "{target} に向けた段落を self_pr に加えてください（段落ごとに、応募先の emphasis に合うものから並びます）",
    },
    "audit.text_figure": {
        "en": "“{excerpt}”: this figure (value and unit) is not in the record",
        "ja": "「{excerpt}」: この数字（値と単位）は記録にありません",
    },
    "audit.text_date": {
        "en": "“{excerpt}”: this date is not in the record",
        "ja": "「{excerpt}」: この年月は記録にありません",
    },
    "audit.text_organization": {
        "en": "“{excerpt}”: this organization is not in the record",
        "ja": "「{excerpt}」: この組織名は記録にありません",
    },
    "audit.text_other_target": {
        "en": "“{excerpt}”: this names another application's employer ({target})",
        "ja": "「{excerpt}」: 別の応募先（{target}）の名前です",
    },
    "audit.text_negative": {
        "en": "“{excerpt}”: reads negative",
        "ja": "「{excerpt}」: 否定的に読める表現です",
    },
    "audit.text_length": {
        "en": "{count} {unit} is more than {box} holds ({limit} {unit})",
        "ja": "{count}{unit}あり、{box}（{limit}{unit}）に収まりません",
    },
    "audit.text_box_answer": {
        "en": "a spoken answer",
        "ja": "面接で話す答えの目安",
    },
    "audit.text_box_form": {
        "en": "the 履歴書's 志望の動機 box",
        "ja": "履歴書の志望の動機欄",
    },
    "audit.text_fix": {
        "en": "keep to the record's facts and figures, in positive words",
        "ja": "記録にある事実と数字だけで、前向きな言葉に書き直してください",
    },
}


@dataclass(frozen=True, eq=True)
class Message:
    """A message id and the values of its slots, said in a language when it is shown.

    A slot may hold another Message (said in the same language) or a tuple
    (joined with the language's list separator).
    """

    id: str
    slots: Mapping[str, object] = field(default_factory=dict)

    def say(self, lang: str) -> str:
        return say(lang, self.id, **self.slots)

    def __str__(self) -> str:
        return self.say("en")


def say(lang: str, id: str, /, **slots: object) -> str:
    """The message *id* in *lang* (English for a language without messages), slots filled."""
    texts = MESSAGES[id]
    text = texts.get(lang, texts["en"])
    return text.format(**{k: _slot(lang, v) for k, v in slots.items()})


def _slot(lang: str, value: object) -> object:
    if isinstance(value, Message):
        return value.say(lang)
    if isinstance(value, tuple):
        return _LIST_SEPARATOR.get(lang, ", ").join(str(_slot(lang, v)) for v in value)
    return value


def noun(name: str) -> Message | str:
    """The kind of file *name* (``record``, ``phrasebook`` …) as a slot: translated when known."""
    id = "noun." + name.replace(" ", "_")
    return Message(id) if id in MESSAGES else name


def diagnostic(
    file: str,
    line: int,
    column: int,
    path: str,
    lang: str,
    message: Message,
    severity: Severity = "error",
) -> Diagnostic:
    """A Diagnostic saying *message* in *lang*, with the message id as its ``code``."""
    return Diagnostic(file, line, column, path, message.say(lang), severity, message.id)


def is_japanese(text: str) -> bool:
    """True when *text* holds kana or kanji."""
    return _JAPANESE.search(text) is not None


def _chosen() -> str | None:
    """``RESUMEGEN_LANG`` when it names a language of the messages."""
    chosen = os.environ.get(ENV_VAR, "").strip().lower()
    return chosen if chosen in LANGS else None


def env_lang() -> str:
    """The language when nothing of the file can be read: ``RESUMEGEN_LANG``, else the locale's."""
    chosen = _chosen()
    if chosen is not None:
        return chosen
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    return "en"


def message_lang(declared: object = None, texts: Iterable[str] = ()) -> str:
    """The language of the messages about a file (the rule of the module docstring).

    *declared* is the file's ``lang`` value when it was read; *texts* is what
    the file holds (its text, or its values when it parsed).
    """
    chosen = _chosen()
    if chosen is not None:
        return chosen
    if isinstance(declared, str) and declared in LANGS:
        return declared
    if any(is_japanese(t) for t in texts):
        return "ja"
    return env_lang()


def placeholders(text: str) -> frozenset[str]:
    """The slot names a sentence uses."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)
