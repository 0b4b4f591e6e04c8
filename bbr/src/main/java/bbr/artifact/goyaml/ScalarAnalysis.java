package bbr.artifact.goyaml;

/**
 * What a scalar's text allows, as yaml.v2's {@code yaml_emitter_analyze_scalar} finds it (with the emitter's
 * unicode output on): whether it spans lines, and whether it may be written plain, single-quoted or as a block.
 */
record ScalarAnalysis(boolean multiline, boolean blockPlainAllowed, boolean singleQuotedAllowed,
                      boolean blockAllowed) {

    static ScalarAnalysis of(byte[] value) {
        if (value.length == 0) {
            return new ScalarAnalysis(false, true, true, false);
        }
        boolean blockIndicators = false;
        boolean lineBreaks = false;
        boolean specialCharacters = false;
        boolean leadingSpace = false;
        boolean leadingBreak = false;
        boolean trailingSpace = false;
        boolean trailingBreak = false;
        boolean breakSpace = false;
        boolean spaceBreak = false;
        boolean previousSpace = false;
        boolean previousBreak = false;
        if (value.length >= 3 && (startsWith(value, '-') || startsWith(value, '.'))) {
            blockIndicators = true;
        }
        boolean precededByWhitespace = true;
        for (int i = 0, w; i < value.length; i += w) {
            w = Bytes.width(value[i]);
            boolean followedByWhitespace = i + w >= value.length || Bytes.isBlank(value, i + w);
            byte c = value[i];
            if (i == 0) {
                switch (c) {
                    case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`' ->
                            blockIndicators = true;
                    case '?', ':', '-' -> blockIndicators |= followedByWhitespace;
                    default -> {
                    }
                }
            } else if (c == ':') {
                blockIndicators |= followedByWhitespace;
            } else if (c == '#') {
                blockIndicators |= precededByWhitespace;
            }
            if (!Bytes.isPrintable(value, i)) {
                specialCharacters = true;
            }
            if (c == ' ') {
                leadingSpace |= i == 0;
                trailingSpace |= i + w == value.length;
                breakSpace |= previousBreak;
                previousSpace = true;
                previousBreak = false;
            } else if (Bytes.isBreak(value, i)) {
                lineBreaks = true;
                leadingBreak |= i == 0;
                trailingBreak |= i + w == value.length;
                spaceBreak |= previousSpace;
                previousSpace = false;
                previousBreak = true;
            } else {
                previousSpace = false;
                previousBreak = false;
            }
            // yaml.v2 looks at the current character here, not the previous one: kept as it is.
            precededByWhitespace = Bytes.isBlankOrBreak(value, i);
        }
        boolean plain = !(leadingSpace || leadingBreak || trailingSpace || trailingBreak || breakSpace || spaceBreak
                || specialCharacters || lineBreaks || blockIndicators);
        boolean singleQuoted = !(breakSpace || spaceBreak || specialCharacters);
        boolean block = !(trailingSpace || spaceBreak || specialCharacters);
        return new ScalarAnalysis(lineBreaks, plain, singleQuoted, block);
    }

    private static boolean startsWith(byte[] value, char c) {
        return value[0] == c && value[1] == c && value[2] == c;
    }
}
