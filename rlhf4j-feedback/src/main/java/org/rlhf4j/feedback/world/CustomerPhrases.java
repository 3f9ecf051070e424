package org.rlhf4j.feedback.world;

import java.util.List;

/**
 * What customers write, as {@link Template}s. Every body of an intent states that intent's first
 * {@link Intent#keyDetails() key detail} outside any optional part, so a good reply can always
 * repeat it.
 */
final class CustomerPhrases {
    private CustomerPhrases() {
    }

    static final List<String> GREETINGS = List.of(
            "Hi,", "Hi!", "Hello,", "Hello.", "Hey,", "Hi there,", "Hello there,", "Good morning,",
            "Good afternoon,", "Good evening,", "Dear support,", "Dear customer service,",
            "To whom it may concern,", "Hi team,", "Hey there,", "Hiya,", "Morning,", "Hello {company},",
            "Hi {company} team,");

    static final List<String> SIGN_OFFS = List.of(
            "Thanks, {name}", "Thank you, {name}", "Regards, {name} {last}", "Cheers, {name}", "- {name}",
            "Best, {name}", "Many thanks, {name} {last}", "Kind regards, {name} {last}", "Thanks in advance, {name}",
            "{name} {last}", "Thanks so much! {name}", "[Thanks|Thank you] for your help, {name}",
            "Many thanks.", "Thanks in advance!", "Thank you.", "Cheers.", "Regards.");

    /** Said in passing; none of it names an intent, so it fits any ticket. */
    static final List<String> ASIDES = List.of(
            "This is really frustrating.", "I'd appreciate a quick reply.",
            "I've been a customer for [years|a long time] and this has never happened before.",
            "Please help!", "I've already [emailed|written] [once|twice] about this.",
            "I tried the live chat but nobody answered.", "Sorry if this is the wrong place to ask.",
            "I'm not very good with computers, so please keep it simple.",
            "Thanks for your help [in advance|with this].", "I hope someone can sort this out [today|soon].",
            "It's the first time I've ordered from you.", "A friend recommended your shop.",
            "I'm [quite|a bit|really] annoyed, to be honest.", "No rush, but I'd like to know.",
            "[Your|The] website wasn't much help.", "I'm travelling next week, so sooner is better.");

    /** After a reply that helped. */
    static final List<String> THANKS = List.of(
            "Thanks, that's great!", "Perfect, thank you so much.", "Great, that's all I needed.",
            "Brilliant, thanks for the quick help!", "ok thanks", "Thank you, that's really helpful.",
            "Lovely, thanks a lot.", "Amazing, appreciate it!");

    /** After a reply that settled the request but read badly (curt, flat, terse or rambling). */
    static final List<String> GRUDGING_THANKS = List.of(
            "Ok, thanks.", "Fine, thanks.", "Right. Thanks I guess.", "ok", "Thanks, I think that's sorted then.",
            "Ok. Is there anything I need to do?", "Thanks, that was a lot to read but ok.");

    /** Opens a second message after a reply that missed the point; a restatement follows. */
    static final List<String> MISSED_POINT = List.of(
            "That doesn't answer my question.", "Sorry, what?", "I don't think you read my message.",
            "That's not what I asked.", "Hm, that has nothing to do with my problem.");

    /** Opens a second message after a rude reply. */
    static final List<String> AFTER_RUDENESS = List.of(
            "There's no need to be rude.", "Wow, ok.", "I didn't expect that tone from you.",
            "That was uncalled for.");

    /** Opens a second message after a reply that settled nothing. */
    static final List<String> STILL_WAITING = List.of(
            "So what happens now?", "Can you be more specific?", "Ok, but when?", "That's a bit vague.",
            "I need an actual answer, please.");

    /** After a reply with a wrong detail, or one asking for a detail the customer gave. */
    static List<String> corrections(Detail detail, boolean askedAgain) {
        if (askedAgain) {
            return switch (detail) {
                case EMAIL -> List.of("I already gave you my email: {email}.", "As I said, it's {email}.");
                case NEW_EMAIL -> List.of("I already said: {newEmail}.", "It's in my message: {newEmail}.");
                case AMOUNT -> List.of("I told you, it was {amount}.", "As I said, {amount}.");
                default -> List.of("I already gave you my order number: {order}.", "As I said, it's {order}.",
                        "It's in my message, {order}.");
            };
        }
        return switch (detail) {
            case EMAIL -> List.of("That's not my email address, it's {email}.", "Wrong account - mine is {email}.");
            case NEW_EMAIL -> List.of("No, the new address is {newEmail}.", "That's the wrong address, I want {newEmail}.");
            case AMOUNT -> List.of("The amount was {amount}, not what you said.", "That's the wrong amount, it was {amount}.");
            default -> List.of("That's not my order number. It's {order}.", "Wrong order - mine is {order}.",
                    "I think you've got the wrong details. My order is {order}.");
        };
    }

    static List<String> bodies(Intent intent) {
        return switch (intent) {
            case ORDER_STATUS -> ORDER_STATUS;
            case REFUND -> REFUND;
            case PASSWORD_RESET -> PASSWORD_RESET;
            case SHIPPING -> SHIPPING;
            case CANCELLATION -> CANCELLATION;
            case DAMAGED_ITEM -> DAMAGED_ITEM;
            case ACCOUNT_EMAIL_CHANGE -> ACCOUNT_EMAIL_CHANGE;
            case DOUBLE_CHARGE -> DOUBLE_CHARGE;
        };
    }

    /** A customer's second message when the first reply did not help; restates the request. */
    static List<String> restatements(Intent intent) {
        return switch (intent) {
            case ORDER_STATUS -> List.of("I just want to know where order {order} is.",
                    "When will order {order} actually arrive?", "Has order {order} shipped or not?");
            case REFUND -> List.of("I asked about my refund for order {order}.",
                    "When will the {amount} for order {order} be back on my card?",
                    "I just want my money back for order {order}.");
            case PASSWORD_RESET -> List.of("I still can't log in to {email}.",
                    "I need a working password reset for {email}.", "My account {email} is still locked.");
            case SHIPPING -> List.of("Can order {order} go to {city} or not?",
                    "I need the delivery address for order {order} changed to {city}.",
                    "I asked about delivering order {order} to {city}.");
            case CANCELLATION -> List.of("I want order {order} cancelled.",
                    "Is order {order} cancelled or not?", "Please just cancel order {order}.");
            case DAMAGED_ITEM -> List.of("The {product} from order {order} is broken. What happens now?",
                    "I need a replacement for the damaged {product}, order {order}.",
                    "Order {order} arrived damaged, I need this fixed.");
            case ACCOUNT_EMAIL_CHANGE -> List.of("I need my account email changed to {newEmail}.",
                    "Please move my account from {email} to {newEmail}.",
                    "Is my login email {newEmail} now or not?");
            case DOUBLE_CHARGE -> List.of("I was charged {amount} twice for order {order}.",
                    "I need the duplicate {amount} payment for order {order} refunded.",
                    "Will I get the second {amount} back for order {order}?");
        };
    }

    private static final List<String> ORDER_STATUS = List.of(
            "[My|my] order {order} for a {product} still hasn't arrived. It was due on {due}.",
            "I ordered a {product} on {date} (order {order}) and [I haven't heard anything since|there's been no update since|the tracking hasn't moved since]. [Where is it?|Can you tell me where it is?|Any news?]",
            "[Could you|Can you|Would you be able to] [check|look up|tell me] the status of order {order}? [It's|It is] a {product} and [it was supposed to arrive|I was told it would arrive|the estimate said it would be here] by {due}.",
            "where is my {product}?? order {order}. [it's been over a week|I've been waiting ages|I paid for it on {date}]",
            "I'm [writing|getting in touch|contacting you] about order {order}. The tracking page [says|has said] \"[processing|label created|in transit]\" [for days|since {date}] and the {product} [was due|should have arrived] on {due}. [What's going on?|Is it lost?|Has it even shipped?]",
            "Has order {order} [shipped|been dispatched] yet? I ordered [it|the {product}] on {date}[ and haven't had a shipping email| and the app still says processing|].",
            "[Quick question|Just checking in]: when will my {product} arrive? The order number is {order}.",
            "I [need|really need] the {product} from order {order} [for a birthday this weekend|before I travel on {due}|for work next week]. [Can you confirm it's on its way?|Is it going to make it in time?]",
            "Order {order} - no delivery yet, expected {due}. [Please advise.|Please check.|Can someone look into this?]",
            "It's past {due} and [my|the] {product} (order {order}) [hasn't turned up|is nowhere to be seen|still hasn't been delivered].",
            "The delivery date for order {order} was {due} but [nothing has arrived|no one came|I've had no parcel]. Can you tell me [what's happening|the status]?",
            "[Could you give me an update on|Any update on|What's the status of] my order {order}? [It's a {product}.|I ordered a {product} on {date}.]",
            "I placed order {order} on {date} and it [still says|is still showing] \"preparing\". [Is that normal?|How long does that usually take?]",
            "[Can you tell me|I'd like to know] when order {order} will be delivered? [The {product} is a gift.|I need to plan to be home.]");

    private static final List<String> REFUND = List.of(
            "I'd like a refund for order {order}. The {product} [isn't what I expected|doesn't fit|stopped working after two days] [and I've already sent it back|and I returned it on {date}|].",
            "I returned the {product} (order {order}) [on {date}|two weeks ago] and [still haven't received my refund|there's no sign of the {amount} on my card]. [When will I get it?|How long does it take?]",
            "Can I get my money back for order {order}? I paid {amount} for a {product} and [changed my mind|it arrived too late to be useful|it's not as described].",
            "[Where is|What happened to] my refund of {amount} for order {order}? [It's been 10 days.|You confirmed the return on {date}.]",
            "Please refund order {order}. [The {product} is faulty.|I was sent the wrong size.|I never wanted the express option.]",
            "I was promised a refund of {amount} for the {product} (order {order}) but [nothing has shown up|my bank says nothing is pending].",
            "how do i get a refund? order {order}, {product}, {amount}.",
            "[I'm requesting|I would like to request] a full refund of {amount} for order {order}. [The item was returned unused.|The parcel was returned to you by the courier.]",
            "You said the refund for order {order} would be processed in 5 days. It's now been [two weeks|three weeks] and I still haven't [seen|received] the {amount}.",
            "Is it possible to get a refund on order {order}? The {product} [broke|didn't work] [on the first day|after a week].",
            "I sent back the {product} from order {order} and the tracking shows you received it[ on {date}|]. [Can you process my refund?|When is the {amount} coming back?]",
            "[Could you|Can you] [please |]refund the {amount} I paid for order {order}? [I cancelled within the return window.|The {product} was not what the photos showed.]");

    private static final List<String> PASSWORD_RESET = List.of(
            "I forgot my password and [can't log in|can't get into my account]. My account email is {email}.",
            "[I've been locked out|My account is locked] after [too many|a few] wrong password attempts. The email on the account is {email}.",
            "The password reset link [never arrives|isn't coming through|doesn't work] when I enter {email}. [I've checked spam.|I tried three times.|]",
            "Can you [reset|help me reset] my password? [I use|It's under] {email}.",
            "I can't sign in [to my account|on the app]. It says my password is wrong but I'm sure it's right. Email: {email}",
            "how do I change my password? my login is {email}",
            "[Your site|The website|The app] keeps rejecting my password. I [need to|want to] check on an order [but can't log in|and I'm stuck]. My email is {email}.",
            "The reset email [expired|said the link was invalid] before I could use it. Could you send [another one|a new one] to {email}?",
            "I [think someone changed|may have mistyped] my password and now I can't log in. Account: {email}.",
            "[Help,|Please help,|] I'm stuck on the login page. [Account|Email] is {email} and the \"forgot password\" button does nothing.");

    private static final List<String> SHIPPING = List.of(
            "Can I change the delivery address for order {order}? I've [moved|just moved] to {city}.",
            "I [put the wrong address|made a mistake with the address] on order {order}. It should go to my [office|new flat|parents' house] in {city} instead.",
            "Do you ship to {city}? I'd like to [send|redirect] order {order} there.",
            "Is it possible to upgrade order {order} to express delivery? I need the {product} by {due}.",
            "I won't be home [this week|on {due}]. Can the courier [deliver|leave] order {order} [at a pickup point|with a neighbour|at my work address in {city}]?",
            "[Please|Could you] update the shipping address on order {order} to {city}? [The {product} hasn't shipped yet, I think.|I realised after I paid.]",
            "The courier [tried to deliver|left a card for] order {order} but I'm in {city} now. Can you [redirect|reroute] it?",
            "Can you ship the {product} from order {order} to {city} instead of my home address?",
            "I'm staying in {city} [for the summer|for a few weeks|until {due}]. Could order {order} be delivered there?",
            "[What are|Are there] faster delivery options for order {order}? The {product} [is a present|is needed] for {due}.");

    private static final List<String> CANCELLATION = List.of(
            "I'd like to cancel order {order} [please|asap]. I ordered [it|the {product}] by mistake on {date}.",
            "Please cancel my order {order} for the {product}. [I found it cheaper elsewhere.|I don't need it anymore.|It's taking too long.]",
            "Is it too late to cancel order {order}? I [only placed it|placed it] on {date}.",
            "[How do I|How can I] cancel an order? It's {order}, [a {product}|placed on {date}].",
            "I [accidentally|mistakenly] ordered the wrong {product} (order {order}). Can you cancel it before it ships?",
            "cancel order {order} please, [changed my mind|no longer needed]",
            "I want to cancel order {order} and make sure I'm not charged the {amount}.",
            "Can you stop order {order}? I [placed it twice|used the wrong card|ordered the wrong colour].",
            "[Please|Kindly] cancel order {order}. [My partner already bought a {product}.|We're moving house and won't need it.]",
            "I need to cancel order {order} ({product}, {amount}). [Is that still possible?|Let me know if it has already shipped.]");

    private static final List<String> DAMAGED_ITEM = List.of(
            "My {product} from order {order} arrived [broken|damaged|with a cracked base]. [The box was crushed.|It looks like it was dropped.|]",
            "The {product} I received (order {order}) [is damaged|doesn't work|has a big scratch on it]. [What can you do?|I'd like a replacement.]",
            "Order {order} came today and the {product} is [broken|in pieces|dented]. [I have photos.|I can send pictures.]",
            "[Unfortunately|Sadly] the {product} (order {order}) [was damaged in transit|arrived faulty]. Can I get a replacement?",
            "I opened my parcel for order {order} and the {product} [is cracked|is missing parts|won't switch on].",
            "received a damaged {product}, order {order}. not happy.",
            "The {product} from order {order} stopped working [after one use|the day it arrived]. [It's clearly defective.|Is this covered?]",
            "[Just got|I just received] order {order} and the {product} [has a dent|has a tear|is stained]. [Not what I paid {amount} for.|Can you send another?]",
            "The {product} in order {order} was [smashed|broken] when it arrived on {due}. [What are my options?|Do I need to send it back?]");

    private static final List<String> ACCOUNT_EMAIL_CHANGE = List.of(
            "I'd like to change the email on my account from {email} to {newEmail}.",
            "Can you update my account email? [The old one is|Current:] {email}, [new one is|new:] {newEmail}.",
            "I [no longer have access to|can't use] {email} anymore. Please [switch|move] my account to {newEmail}.",
            "How do I change my login email? I want to use {newEmail} instead of {email}.",
            "[Please|Could you] replace {email} with {newEmail} on my account? [I changed jobs.|I'm closing that mailbox.]",
            "My email address has changed to {newEmail}. The account is [under|registered to] {email}.",
            "i need my account email changed to {newEmail} (currently {email})",
            "[Is it possible to|Can I] use {newEmail} for my account instead? [The old address was|I signed up with] {email}.");

    private static final List<String> DOUBLE_CHARGE = List.of(
            "I've been charged twice for order {order}. [My card shows|I can see] two payments of {amount}.",
            "Why was I billed {amount} two times for order {order}? [Please fix this.|I only ordered one {product}.]",
            "There's a duplicate charge of {amount} on my [card|statement|bank account] for order {order}.",
            "[My bank statement shows|I see] {amount} taken twice [for the {product}|on {date}]. Order number {order}.",
            "You charged me twice! Order {order}, {amount} each time.",
            "I [was charged|paid] {amount} for order {order} but the payment [went through twice|shows up twice]. Can you refund the extra one?",
            "Double charge on order {order} ({amount}). [Is one of them just pending?|Which one should I expect back?]",
            "I only bought one {product} but {amount} came out of my account twice (order {order}).");
}
