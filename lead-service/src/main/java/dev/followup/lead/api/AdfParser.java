package dev.followup.lead.api;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;

import dev.followup.lead.domain.LeadSubmission;
import dev.followup.lead.domain.LeadSubmission.ConsentInput;
import dev.followup.lead.domain.LeadSubmission.EmailInput;
import dev.followup.lead.domain.LeadSubmission.PhoneInput;
import dev.followup.lead.domain.LeadSubmission.VehicleInput;
import dev.followup.platform.api.ProblemException;

/**
 * Reads ADF (Auto-lead Data Format) XML into one {@link LeadSubmission} per {@code <prospect>}, with Jackson XML on
 * a hardened StAX factory: no DTD (a DOCTYPE is refused before anything else is read), no external entities, no
 * entity expansion beyond XML's five, bounded depth. Real feeds break the spec, so the mapping is tolerant: any
 * element may be missing, a name may come as one full name, text may carry unexpected attributes, and comments
 * with unescaped {@code &} or {@code <} are repaired when that makes the document readable.
 */
public final class AdfParser {
    private static final Pattern COMMENTS = Pattern.compile("(<comments(?:\\s[^>]*)?>)(.*?)(</comments>)",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final String TEXT = "#text";

    private final XMLInputFactory factory;
    private final XmlMapper mapper;

    public AdfParser() {
        WstxInputFactory hardened = new WstxInputFactory();
        hardened.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        hardened.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        hardened.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        hardened.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 10_000L);
        hardened.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, 1);
        hardened.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, 32);
        hardened.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, 32);
        this.factory = hardened;
        this.mapper = XmlMapper.builder(XmlFactory.builder().xmlInputFactory(hardened).build())
                .nameForTextElement(TEXT).build();
    }

    public List<LeadSubmission> parse(String xml) {
        if (xml == null || xml.isBlank()) {
            throw ProblemException.badRequest("body", "the ADF document is empty");
        }
        JsonNode root;
        String rootName;
        try {
            Parsed parsed = read(xml);
            root = parsed.root();
            rootName = parsed.rootName();
        } catch (MalformedXml first) {
            String repaired = repairComments(xml);
            if (repaired.equals(xml)) {
                throw first.problem();
            }
            try {
                Parsed parsed = read(repaired);
                root = parsed.root();
                rootName = parsed.rootName();
            } catch (MalformedXml second) {
                throw first.problem();
            }
        }
        List<JsonNode> prospects;
        if (rootName.equals("adf")) {
            prospects = list(root, "prospect");
        } else if (rootName.equals("prospect")) {
            prospects = List.of(root);
        } else {
            throw ProblemException.badRequest("body", "the root element must be <adf>, not <" + rootName + ">");
        }
        if (prospects.isEmpty()) {
            throw ProblemException.badRequest("adf.prospect", "the ADF document holds no <prospect>");
        }
        if (prospects.size() > 100) {
            throw ProblemException.badRequest("adf.prospect", "at most 100 prospects per document");
        }
        List<LeadSubmission> submissions = new ArrayList<>();
        for (int i = 0; i < prospects.size(); i++) {
            submissions.add(prospect(prospects.get(i), "prospect[" + i + "]."));
        }
        return submissions;
    }

    private record Parsed(String rootName, JsonNode root) {
    }

    private static final class MalformedXml extends Exception {
        MalformedXml(String message) {
            super(message, null, false, false);
        }

        ProblemException problem() {
            return new ProblemException(400, "Malformed XML", "The body is not well-formed XML: " + getMessage(), "body");
        }
    }

    private Parsed read(String xml) throws MalformedXml {
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(new StringReader(xml));
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.DTD) {
                    throw new ProblemException(400, "XML not accepted",
                            "DOCTYPE declarations are refused: no DTDs, no external entities, no entity expansion", "body");
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String rootName = reader.getLocalName().toLowerCase(Locale.ROOT);
                    JsonNode root = mapper.readValue(reader, JsonNode.class);
                    return new Parsed(rootName, root == null ? mapper.createObjectNode() : root);
                }
            }
            throw new MalformedXml("no root element");
        } catch (XMLStreamException e) {
            throw new MalformedXml(firstLine(e.getMessage()));
        } catch (java.io.IOException e) {
            throw new MalformedXml(firstLine(e.getMessage()));
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release for a string source
                }
            }
        }
    }

    /** Wraps the content of each {@code <comments>} in CDATA: real feeds put raw '&' and '<' in free text. */
    static String repairComments(String xml) {
        Matcher m = COMMENTS.matcher(xml);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String content = m.group(2);
            if (content.contains("<![CDATA[")) {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
                continue;
            }
            String plain = content.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                    .replace("&apos;", "'").replace("&amp;", "&");
            String cdata = "<![CDATA[" + plain.replace("]]>", "]]]]><![CDATA[>") + "]]>";
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + cdata + m.group(3)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static LeadSubmission prospect(JsonNode prospect, String prefix) {
        String sourceLeadId = null;
        String idSource = null;
        for (JsonNode id : list(prospect, "id")) {
            if (text(id) != null) {
                sourceLeadId = text(id);
                idSource = attribute(id, "source");
                break;
            }
        }
        JsonNode provider = prospect.path("provider");
        String providerName = null;
        for (JsonNode name : list(provider, "name")) {
            providerName = text(name);
            if (providerName != null) {
                break;
            }
        }
        if (providerName == null) {
            providerName = text(provider.path("service"));
        }
        String source = providerName != null ? providerName : idSource != null ? idSource : "adf";

        List<VehicleInput> vehicles = new ArrayList<>();
        List<JsonNode> vehicleNodes = list(prospect, "vehicle");
        for (int j = 0; j < vehicleNodes.size(); j++) {
            JsonNode v = vehicleNodes.get(j);
            String price = null;
            for (JsonNode p : list(v, "price")) {
                price = text(p);
                if (price != null) {
                    break;
                }
            }
            vehicles.add(new VehicleInput(text(v.path("year")), text(v.path("make")), text(v.path("model")),
                    text(v.path("trim")), text(v.path("vin")), text(v.path("stock")), price,
                    attribute(v, "status"), attribute(v, "interest"), prefix + "vehicle[" + j + "]"));
        }

        JsonNode customer = prospect.path("customer");
        JsonNode contact = customer.path("contact");
        String first = null;
        String last = null;
        String full = null;
        for (JsonNode name : list(contact, "name")) {
            String part = attribute(name, "part");
            String value = text(name);
            if (value == null) {
                continue;
            }
            if ("first".equalsIgnoreCase(part)) {
                first = first == null ? value : first;
            } else if ("last".equalsIgnoreCase(part)) {
                last = last == null ? value : last;
            } else if (part == null || "full".equalsIgnoreCase(part)) {
                full = full == null ? value : full;
            }
        }
        String preferredContact = null;
        List<PhoneInput> phones = new ArrayList<>();
        List<JsonNode> phoneNodes = list(contact, "phone");
        for (int j = 0; j < phoneNodes.size(); j++) {
            JsonNode phone = phoneNodes.get(j);
            boolean preferred = "1".equals(attribute(phone, "preferredcontact"));
            if (preferred && preferredContact == null) {
                preferredContact = "phone";
            }
            phones.add(new PhoneInput(text(phone), attribute(phone, "type"), preferred,
                    prefix + "customer.contact.phone[" + j + "]"));
        }
        List<EmailInput> emails = new ArrayList<>();
        List<JsonNode> emailNodes = list(contact, "email");
        for (int j = 0; j < emailNodes.size(); j++) {
            JsonNode email = emailNodes.get(j);
            if ("1".equals(attribute(email, "preferredcontact")) && preferredContact == null) {
                preferredContact = "email";
            }
            emails.add(new EmailInput(text(email), prefix + "customer.contact.email[" + j + "]"));
        }
        String postalCode = text(contact.path("address").path("postalcode"));

        JsonNode timeframe = customer.path("timeframe");
        String timeframeText = text(timeframe.path("description"));
        if (timeframeText == null) {
            timeframeText = text(timeframe);
        }
        String comments = joinComments(customer, prospect);

        ConsentInput consent = null;
        JsonNode consentNode = customer.has("consent") ? customer.path("consent") : prospect.path("consent");
        if (!consentNode.isMissingNode()) {
            String given = attribute(consentNode, "textconsent");
            consent = new ConsentInput(given == null ? null : Boolean.valueOf(given.equalsIgnoreCase("true")
                    || given.equals("1") || given.equalsIgnoreCase("yes")), text(consentNode),
                    attribute(consentNode, "time"), attribute(consentNode, "page"), attribute(consentNode, "ip"));
        }

        return new LeadSubmission(prefix, false, source, providerName, sourceLeadId, null, first, last, full, phones,
                emails, postalCode, preferredContact, vehicles, comments, timeframeText, text(prospect.path("requestdate")),
                consent);
    }

    private static String joinComments(JsonNode customer, JsonNode prospect) {
        List<String> parts = new ArrayList<>();
        for (JsonNode c : list(customer, "comments")) {
            String t = textDeep(c);
            if (t != null) {
                parts.add(t);
            }
        }
        for (JsonNode vehicle : list(prospect, "vehicle")) {
            for (JsonNode c : list(vehicle, "comments")) {
                String t = textDeep(c);
                if (t != null) {
                    parts.add(t);
                }
            }
        }
        return parts.isEmpty() ? null : String.join("\n", parts);
    }

    /** Child elements of that name: none, one (an object or text) or several (an array). */
    static List<JsonNode> list(JsonNode parent, String name) {
        if (parent == null || !parent.isObject()) {
            return List.of();
        }
        JsonNode child = parent.get(name);
        if (child == null || child.isNull()) {
            return List.of();
        }
        if (child.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            child.forEach(items::add);
            return items;
        }
        return List.of(child);
    }

    /** An element's text, whether it came as plain text or as an object because it had attributes. */
    static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isValueNode()) {
            return blankToNull(node.asText());
        }
        if (node.isArray()) {
            return node.isEmpty() ? null : text(node.get(0));
        }
        JsonNode text = node.get(TEXT);
        return text == null ? null : text(text);
    }

    /** All text under an element, for free text that may hold stray markup. */
    private static String textDeep(JsonNode node) {
        if (node == null || node.isValueNode()) {
            return text(node);
        }
        StringBuilder out = new StringBuilder();
        node.forEach(child -> {
            String t = textDeep(child);
            if (t != null) {
                out.append(out.length() > 0 ? " " : "").append(t);
            }
        });
        return blankToNull(out.toString());
    }

    private static String attribute(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        for (var it = node.fields(); it.hasNext();) {
            var field = it.next();
            if (field.getKey().equalsIgnoreCase(name) && field.getValue().isValueNode()) {
                return blankToNull(field.getValue().asText());
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse(message);
        return line.length() > 300 ? line.substring(0, 300) : line;
    }
}
