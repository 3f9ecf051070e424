package org.rlhf4j.feedback.world;

import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.Locale;

/** How a customer writes a date; a ticket uses one style throughout. */
enum DateStyle {
    /** {@code 12 March} */
    DAY_MONTH,
    /** {@code March 12} */
    MONTH_DAY,
    /** {@code March 12th} */
    MONTH_DAY_ORDINAL;

    String render(LocalDate date) {
        String month = monthName(date.getMonth());
        int day = date.getDayOfMonth();
        return switch (this) {
            case DAY_MONTH -> day + " " + month;
            case MONTH_DAY -> month + " " + day;
            case MONTH_DAY_ORDINAL -> month + " " + day + ordinalSuffix(day);
        };
    }

    // Looked up once: Month.getDisplayName goes through locale data on every call.
    private static final String[] MONTH_NAMES = new String[12];

    static {
        for (Month month : Month.values()) {
            MONTH_NAMES[month.ordinal()] = month.getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        }
    }

    static String monthName(Month month) {
        return MONTH_NAMES[month.ordinal()];
    }

    static String ordinalSuffix(int day) {
        if (day >= 11 && day <= 13) {
            return "th";
        }
        return switch (day % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }
}
