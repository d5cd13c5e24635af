/**
 * Model names Perch serves: a letter or digit, then letters, digits, '_', '.' or '-'.
 * No separators and no leading dot, so a name can never name a path outside its directory.
 */
export const MODEL_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/** Version directories and URL segments: a positive integer without leading zeros. */
export const VERSION_PATTERN = /^[1-9][0-9]{0,15}$/;
