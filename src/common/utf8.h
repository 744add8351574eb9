// UTF-8 checks for text arriving from outside (CSV files, JSON bodies, Segment messages).
//
// Every text tend stores is valid UTF-8: the edges refuse the rest with a located error, so
// no page, stream message or export can be broken by a stored string later.
#ifndef TEND_COMMON_UTF8_H_
#define TEND_COMMON_UTF8_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tend {

// The byte offset of the first byte of `s` that does not belong to a well-formed UTF-8
// sequence (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF), or nullopt
// when all of `s` is valid. Fast on ASCII (eight bytes at a time).
std::optional<size_t> FirstInvalidUtf8(std::string_view s);

inline bool IsValidUtf8(std::string_view s) { return !FirstInvalidUtf8(s).has_value(); }

// `s` with every byte that does not belong to a well-formed sequence replaced by U+FFFD
// (for messages that quote input, such as a JSON library's "last read: '...'").
std::string ToValidUtf8(std::string_view s);

// "invalid UTF-8 at byte N (0xHH)": the message the edges use, N counted from 1.
std::string InvalidUtf8Message(std::string_view s, size_t offset);

}  // namespace tend

#endif  // TEND_COMMON_UTF8_H_
